package tasktest

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/conckata/conckata/internal/bubble"
	"github.com/conckata/conckata/internal/taskfake"
)

// fn is the function a task runs, at T = int.
type fn = func(context.Context) (int, error)

// errBoom is a failure that fns return, to tell it from anything else.
var errBoom = errors.New("tasktest: boom")

// call is a blocking call of the API (Wait, WaitFor) running in its own
// goroutine of a bubble. Besides its error it keeps the int it returned,
// when it returned on the bubble's clock, and whether the task it waited
// for was done at that moment.
type call struct {
	*bubble.Call
	name string
	// Written by the call's goroutine before it returns; read once Returned.
	value    int
	at       time.Time
	taskDone bool
}

// start runs f in a bubble.Call about task t, and returns once the bubble
// is idle. It must run in a bubble.
func start(name string, t Task, f func(ctx context.Context) (int, error)) *call {
	c := &call{name: name}
	c.Call = bubble.Start(name, func(ctx context.Context) error {
		v, err := f(ctx)
		c.value, c.at, c.taskDone = v, time.Now(), isDone(t)
		return err
	})
	return c
}

// startWaitFor starts WaitFor(ctx, t, timeout) with a ctx only Cancel cancels.
func startWaitFor(impl Impl, t Task, timeout time.Duration) *call {
	return start(fmt.Sprintf("WaitFor(ctx, t, %v)", timeout), t, func(ctx context.Context) (int, error) {
		return impl.WaitFor(ctx, t, timeout)
	})
}

// String says what became of the call: "WaitFor still waits",
// "Wait returned (7, <nil>)".
func (c *call) String() string {
	if !c.Returned() {
		return c.Result()
	}
	return fmt.Sprintf("%s returned (%d, %v)", c.name, c.value, c.Err())
}

// isDone reports whether t's Done channel is closed.
func isDone(t Task) bool { return taskfake.Closed(t.Done()) }

// errGaveUp is what a fn waiting for its ctx returns when the test opens
// its gate instead: the ctx was never cancelled.
var errGaveUp = errors.New("tasktest: the test gave up waiting for the task's ctx to be cancelled")

// job records what a fn saw, for the test to read at any time.
type job struct {
	sawCancel atomic.Bool // the fn's ctx was done when it looked (see each fn)
	stopping  atomic.Bool // the fn has seen its ctx done and is cleaning up
	returned  atomic.Bool // the fn has returned
}

// ignoring returns a fn that ignores its ctx: it returns (v, err) once g is
// open, and records whether its ctx was done by then.
func (j *job) ignoring(g *taskfake.Gate, v int, err error) fn {
	return func(ctx context.Context) (int, error) {
		defer j.returned.Store(true)
		<-g.Opened()
		j.sawCancel.Store(ctx.Err() != nil)
		return v, err
	}
}

// honouring returns a fn that waits until its ctx is done (or g opens),
// then spends cleanup on the bubble's clock and returns what stop returns
// for the ctx's error: a fn that stops, slowly, when asked.
func (j *job) honouring(g *taskfake.Gate, cleanup time.Duration, stop func(ctxErr error) (int, error)) fn {
	return func(ctx context.Context) (int, error) {
		defer j.returned.Store(true)
		select {
		case <-ctx.Done():
		case <-g.Opened():
			return 0, errGaveUp
		}
		j.sawCancel.Store(true)
		j.stopping.Store(true)
		time.Sleep(cleanup)
		return stop(ctx.Err())
	}
}

// stopped is how a fn usually stops: with its ctx's error, wrapped.
func stopped(ctxErr error) (int, error) { return 0, fmt.Errorf("tasktest: stopped: %w", ctxErr) }

// swallow returns how a fn that swallows the cancellation stops: with a
// value and no error.
func swallow(v int) func(error) (int, error) {
	return func(error) (int, error) { return v, nil }
}

// ctxKey is the key of a value the test puts in Go's ctx.
type ctxKey struct{}

func goStartsAtOnce(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		parent, cancelParent := context.WithCancel(context.WithValue(context.Background(), ctxKey{}, "from Go's ctx"))
		defer cancelParent()
		g := taskfake.NewGate()
		defer g.Open()
		var seen any
		var task Task
		goCall := bubble.Start("Go", func(context.Context) error {
			task = impl.Go(parent, func(ctx context.Context) (int, error) {
				seen = ctx.Value(ctxKey{})
				select {
				case <-ctx.Done():
					return 0, ctx.Err()
				case <-g.Opened():
					return 0, errGaveUp
				}
			})
			return nil
		})
		if !goCall.Returned() {
			g.Open()
			synctest.Wait()
			t.Fatalf("Go blocked while its fn was running, want it to return the Task at once and run fn in a goroutine of its own")
		}
		if isDone(task) {
			t.Fatalf("Done() was closed while fn was still running, want it open until fn returns")
		}
		cancelParent()
		synctest.Wait()
		if !isDone(task) {
			t.Fatalf("cancelling Go's ctx did not cancel fn's ctx (fn still waits for it), want fn's ctx derived from Go's")
		}
		v, err := task.Result()
		if !errors.Is(err, context.Canceled) || v != 0 {
			t.Errorf("Result() = (%d, %v) after Go's ctx was cancelled and fn returned ctx.Err(), want (0, context.Canceled)", v, err)
		}
		if seen != "from Go's ctx" {
			t.Errorf("fn's ctx.Value(key) = %v, want %q: fn's ctx must carry the values of Go's ctx", seen, "from Go's ctx")
		}
	})
}

func goNilFunctionPanics(t *testing.T, impl Impl) {
	ok := impl.Go(context.Background(), func(context.Context) (int, error) { return 1, nil })
	if v, err := ok.Wait(context.Background()); v != 1 || err != nil {
		t.Fatalf("Wait on a task whose fn returned (1, <nil>) = (%d, %v), want (1, <nil>)", v, err)
	}
	v := bubble.Panics(func() { impl.Go(context.Background(), nil) })
	if v == nil {
		t.Fatalf(`Go(ctx, nil) did not panic, want a panic "task: ..." (a nil function is a caller bug)`)
	}
	if s := fmt.Sprint(v); !strings.HasPrefix(s, "task: ") {
		t.Errorf(`Go(ctx, nil) panicked with %q, want a message starting "task: "`, s)
	}
}

func resultAfterDone(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		for _, want := range []struct {
			v   int
			err error
		}{{7, nil}, {3, errBoom}, {0, errBoom}} {
			g := taskfake.NewGate()
			var j job
			task := impl.Go(context.Background(), j.ignoring(g, want.v, want.err))
			synctest.Wait()
			if isDone(task) {
				g.Open()
				t.Fatalf("Done() was closed while fn was blocked, want it open until fn returns")
			}
			if v, err := task.Result(); v != 0 || !errors.Is(err, impl.ErrNotDone) {
				g.Open()
				t.Fatalf("Result() = (%d, %v) while fn was blocked, want (0, ErrNotDone) at once", v, err)
			}
			g.Open()
			synctest.Wait()
			if !isDone(task) {
				t.Fatalf("Done() still open after fn returned (%d, %v), want it closed", want.v, want.err)
			}
			for i := range 2 {
				if v, err := task.Result(); v != want.v || err != want.err {
					t.Fatalf("Result() call %d = (%d, %v) after fn returned (%d, %v), want exactly that", i+1, v, err, want.v, want.err)
				}
			}
		}
	})
}

func waitReturnsResult(t *testing.T, impl Impl) {
	taskfake.Gated(t, func(t *testing.T, g *taskfake.Gate) {
		var j job
		task := impl.Go(context.Background(), j.ignoring(g, 7, nil))
		var waits []*call
		for range 3 {
			waits = append(waits, start("Wait", task, task.Wait))
		}
		for i, w := range waits {
			if w.Returned() {
				t.Fatalf("Wait %d of 3 returned (%d, %v) while fn was still running, want it to block until fn returns", i+1, w.value, w.Err())
			}
		}
		g.Open()
		synctest.Wait()
		for i, w := range waits {
			if !w.Returned() || w.value != 7 || w.Err() != nil {
				t.Errorf("after fn returned (7, <nil>), %v (waiter %d of 3), want (7, <nil>)", w, i+1)
			}
		}
		done, cancel := context.WithCancel(context.Background())
		cancel()
		for range 16 { // a select on a closed Done and a done ctx picks at random
			if v, err := task.Wait(done); v != 7 || err != nil {
				t.Fatalf("Wait with a cancelled ctx on a done task = (%d, %v), want (7, <nil>): a done task's result beats a done ctx", v, err)
			}
		}
	})
}
