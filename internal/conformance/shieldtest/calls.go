package shieldtest

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"testing/synctest"

	"github.com/conckata/conckata/internal/bubble"
	"github.com/conckata/conckata/internal/taskfake"
	"github.com/conckata/conckata/solutions/task"
)

// errBoom is a failure that a task returns, to tell it from anything else.
var errBoom = errors.New("shieldtest: boom")

// isDone reports whether t is done.
func isDone(t *task.Task[int]) bool { return taskfake.Closed(t.Done()) }

// state says what t reports, for failure messages.
func state(t *task.Task[int]) string {
	v, err := t.Result()
	return fmt.Sprintf("Result() = (%d, %v), Cancelled() = %v", v, err, t.Cancelled())
}

func shieldReturnsTaskResult(t *testing.T, impl Impl) {
	taskfake.Gated(t, func(t *testing.T, g *taskfake.Gate) {
		tk := task.Go(context.Background(), g.Work(5))
		s := impl.Shield(tk)
		synctest.Wait()
		if s == tk {
			t.Fatalf("Shield(t) returned t itself, want a new task: cancelling the shield must not cancel t")
		}
		if isDone(s) {
			t.Fatalf("the shield was done while its task was still running (shield %s), want it to end with the task", state(s))
		}
		g.Open()
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
