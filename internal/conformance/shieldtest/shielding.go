package shieldtest

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/conckata/conckata/internal/bubble"
	"github.com/conckata/conckata/solutions/task"
)

// errBoom is a failure that a task returns, to tell it from anything else.
var errBoom = errors.New("shieldtest: boom")

// gate holds a task's function until the test opens it. Properties defer
// open, so that a failing implementation still lets every task end.
type gate struct {
	ch   chan struct{}
	once sync.Once
}

func newGate() *gate  { return &gate{ch: make(chan struct{})} }
func (g *gate) open() { g.once.Do(func() { close(g.ch) }) }
func (g *gate) isOpen() bool {
	select {
	case <-g.ch:
		return true
	default:
		return false
	}
}

// work returns a function that stops with ctx.Err() when its ctx is done,
// and returns (v, nil) once g opens.
func work(g *gate, v int) func(context.Context) (int, error) {
	return func(ctx context.Context) (int, error) {
		select {
		case <-ctx.Done():
			return 0, ctx.Err()
		case <-g.ch:
			return v, nil
		}
	}
}

// isDone reports whether t is done.
func isDone(t *task.Task[int]) bool {
	select {
	case <-t.Done():
		return true
	default:
		return false
	}
}

// state says what t reports, for failure messages.
func state(t *task.Task[int]) string {
	v, err := t.Result()
	return fmt.Sprintf("Result() = (%d, %v), Cancelled() = %v", v, err, t.Cancelled())
}

func shieldReturnsTaskResult(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		g := newGate()
		defer g.open()
		tk := task.Go(context.Background(), work(g, 5))
		s := impl.Shield(tk)
		synctest.Wait()
		if s == tk {
			t.Fatalf("Shield(t) returned t itself, want a new task: cancelling the shield must not cancel t")
		}
		if isDone(s) {
			t.Fatalf("the shield was done while its task was still running (shield %s), want it to end with the task", state(s))
		}
		g.open()
		synctest.Wait()
		if v, err := s.Result(); v != 5 || err != nil {
			t.Errorf("after the task returned (5, <nil>), the shield's Result() = (%d, %v), want (5, <nil>)", v, err)
		}
		done := task.Go(context.Background(), func(context.Context) (int, error) { return 8, nil })
		synctest.Wait()
		if v, err := impl.Shield(done).Wait(context.Background()); v != 8 || err != nil {
			t.Errorf("Shield of a task done with (8, <nil>), then Wait = (%d, %v), want (8, <nil>)", v, err)
		}
	})
}

func shieldCancelNeverCancelsTask(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		g := newGate()
		defer g.open()
		tk := task.Go(context.Background(), work(g, 7))
		shields := []*task.Task[int]{impl.Shield(tk), impl.Shield(tk), impl.Shield(tk)}
		synctest.Wait()
		shields[0].Cancel()
		synctest.Wait()
		if !isDone(shields[0]) || !shields[0].Cancelled() {
			t.Fatalf("after Cancel on a shield of a running task, the shield %s (done: %v), want it done at once with context.Canceled: a shield stops waiting, not the task", state(shields[0]), isDone(shields[0]))
		}
		if isDone(tk) {
			t.Fatalf("cancelling a shield ended the task it shields (task %s), want the task left running (asyncio.shield)", state(tk))
		}
		for i, s := range shields[1:] {
			if isDone(s) {
				t.Fatalf("cancelling shield 1 of 3 ended shield %d (%s), want the other shields of the task still waiting", i+2, state(s))
			}
		}
		g.open()
		synctest.Wait()
		if v, err := tk.Result(); v != 7 || err != nil {
			t.Errorf("the task, shielded, returned (7, <nil>), but its Result() = (%d, %v)", v, err)
		}
		for i, s := range shields[1:] {
			if v, err := s.Result(); v != 7 || err != nil {
				t.Errorf("shield %d of 3, not cancelled, has Result() = (%d, %v) after the task returned (7, <nil>), want (7, <nil>)", i+2, v, err)
			}
		}
	})
}

func waitForShieldLeavesTaskRunning(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		tk := task.Go(context.Background(), func(ctx context.Context) (int, error) {
			select {
			case <-ctx.Done():
				return 0, ctx.Err()
			case <-time.After(10 * time.Second): // work, on the bubble's clock
				return 7, nil
			}
		})
		begin := time.Now()
		var at time.Time
		var v int
		c := bubble.Start("WaitFor(ctx, Shield(t), 1s)", func(ctx context.Context) (err error) {
			v, err = task.WaitFor(ctx, impl.Shield(tk), time.Second)
			at = time.Now()
			return err
		})
		time.Sleep(time.Second)
		synctest.Wait()
		if !c.Returned() {
			t.Fatalf("WaitFor(ctx, Shield(t), 1s) had not returned 1s later, while t works for 10s: want ErrTimeout at 1s (the shield must end at once when WaitFor cancels it)")
		}
		if !errors.Is(c.Err(), task.ErrTimeout) || v != 0 || at.Sub(begin) != time.Second {
			t.Errorf("WaitFor(ctx, Shield(t), 1s) returned (%d, %v) after %v, want (0, ErrTimeout) after 1s", v, c.Err(), at.Sub(begin))
		}
		if isDone(tk) {
			t.Fatalf("WaitFor(ctx, Shield(t), 1s) timing out ended t (%s), want t left running: the timeout cancels the shield only", state(tk))
		}
		time.Sleep(9 * time.Second)
		synctest.Wait()
		if v, err := tk.Result(); v != 7 || err != nil {
			t.Errorf("t, left running after WaitFor on its shield timed out, has Result() = (%d, %v) when its work is over, want (7, <nil>)", v, err)
		}
	})
}

func taskCancelCancelsShield(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		g := newGate()
		defer g.open()
		parent, cancelParent := context.WithCancel(context.Background())
		defer cancelParent()
		honours := task.Go(context.Background(), work(g, 1))
		byParent := task.Go(parent, work(g, 2))
		swallows := task.Go(context.Background(), func(ctx context.Context) (int, error) {
			<-ctx.Done()
			return 6, nil
		})
		cases := []struct {
			what      string
			t, s      *task.Task[int]
			cancel    func()
			v         int
			cancelled bool
		}{
			{"t.Cancel() on a task that stops with ctx.Err()", honours, impl.Shield(honours), honours.Cancel, 0, true},
			{"cancelling the ctx the task was started with", byParent, impl.Shield(byParent), cancelParent, 0, true},
			{"t.Cancel() on a task that swallows it and returns (6, <nil>)", swallows, impl.Shield(swallows), swallows.Cancel, 6, false},
		}
		synctest.Wait()
		for _, c := range cases {
			c.cancel()
			synctest.Wait()
			if !isDone(c.s) {
				t.Errorf("after %s, the task ended (%s) but its shield is still running, want it done with the task's result", c.what, state(c.t))
				continue
			}
			v, err := c.s.Result()
			if v != c.v || c.s.Cancelled() != c.cancelled {
				t.Errorf("after %s, the task has %s and its shield %s, want the shield's value %d and Cancelled() %v: the task's outcome", c.what, state(c.t), state(c.s), c.v, c.cancelled)
			}
			if c.cancelled && !errors.Is(err, context.Canceled) {
				t.Errorf("after %s, the shield's error is %v, want context.Canceled", c.what, err)
			}
		}
	})
}

func taskErrorPropagates(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		for _, want := range []struct {
			v   int
			err error
		}{{0, errBoom}, {3, errBoom}} {
			tk := task.Go(context.Background(), func(context.Context) (int, error) { return want.v, want.err })
			if v, err := impl.Shield(tk).Wait(context.Background()); v != want.v || !errors.Is(err, want.err) {
				t.Errorf("the shield of a task that returned (%d, %v) returned (%d, %v), want the same", want.v, want.err, v, err)
			}
		}
		tk := task.Go(context.Background(), func(context.Context) (int, error) { panic(errBoom) })
		_, want := tk.Wait(context.Background())
		_, err := impl.Shield(tk).Wait(context.Background())
		var p *task.PanicError
		if !errors.As(err, &p) || p.Value != errBoom {
			t.Errorf("the shield of a task whose function panicked returned error %v, want the task's *task.PanicError (%.40q...)", err, want)
		}
	})
}

func nilArgumentsPanic(t *testing.T, impl Impl) {
	d := impl.Detach(context.Background())
	tk := task.Go(context.Background(), func(context.Context) (int, error) { return 1, nil })
	if v, err := impl.Shield(tk).Wait(d); v != 1 || err != nil {
		t.Fatalf("Shield of a task that returned (1, <nil>), then Wait = (%d, %v), want (1, <nil>)", v, err)
	}
	for _, c := range []struct {
		call string
		f    func()
	}{
		{"Shield(nil)", func() { impl.Shield(nil) }},
		{"Detach(nil)", func() { impl.Detach(nil) }},
	} {
		v := bubble.Panics(c.f)
		if s := fmt.Sprint(v); v == nil || !strings.HasPrefix(s, "shield: ") {
			t.Errorf(`%s panicked with %v, want a panic "shield: ..." where the caller made the mistake (context.WithoutCancel(nil) panics too)`, c.call, v)
		}
	}
}
