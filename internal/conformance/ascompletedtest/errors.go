package ascompletedtest

import (
	"context"
	"errors"
	"runtime"
	"testing"
	"testing/synctest"

	"github.com/conckata/conckata/solutions/task"
)

var errBoom = errors.New("boom")

func errorCancelsNothing(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		tr := newTracker(3)
		got, _ := collect(impl.AsCompleted(context.Background(),
			tr.wrap(failing(10*ms, errBoom), after(20*ms, 1), after(30*ms, 2))...))
		want := []step{{0, errBoom, 10 * ms}, {1, nil, 20 * ms}, {2, nil, 30 * ms}}
		if !sameSteps(got, want) {
			t.Errorf("AsCompleted(fn failing with %q after 10ms, fns returning 1 after 20ms and 2 after 30ms) yielded %s, want %s: the error in its place, and the others run on (unlike Gather, a failure cancels nothing)", errBoom, steps(got), steps(want))
		}
		for i := 1; i < 3; i++ {
			if at, done := tr.doneAt(i); done {
				t.Errorf("the ctx of function %d was done at %v, while it ran: after function 0 failed at 10ms, want nothing cancelled", i, at)
			}
		}
	})
}

func panicBecomesPanicError(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		panics := func(ctx context.Context) (int, error) {
			after(20*ms, 0)(ctx)
			panic("function 1 panics")
		}
		got, _ := collect(impl.AsCompleted(context.Background(), after(10*ms, 0), panics, after(30*ms, 2)))
		if len(got) != 3 || !sameSteps([]step{got[0], got[2]}, []step{{0, nil, 10 * ms}, {2, nil, 30 * ms}}) {
			t.Fatalf("AsCompleted(fn returning 0 after 10ms, fn panicking after 20ms, fn returning 2 after 30ms) yielded %s, want 3 results: the panic in its place and the others as they return", steps(got))
		}
		var pe *task.PanicError
		if p := got[1]; !errors.As(p.err, &pe) || p.v != 0 || p.at != 20*ms {
			t.Fatalf("a function that panicked after 20ms was yielded as %s, want (0, a *task.PanicError) at 20ms", p)
		}
		if pe.Value != "function 1 panics" || len(pe.Stack) == 0 {
			t.Errorf("the *task.PanicError of a function that called panic(%q) has Value %v and a stack of %d bytes, want that value and the panicking goroutine's stack", "function 1 panics", pe.Value, len(pe.Stack))
		}
	})
}

func goexitBecomesPanicError(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		goexits := func(ctx context.Context) (int, error) {
			after(20*ms, 0)(ctx)
			runtime.Goexit() // as t.FailNow does in a test
			return 1, nil
		}
		// An iterator that waits for the result of the function that never
		// returned deadlocks the bubble, which the harness reports.
		got, _ := collect(impl.AsCompleted(context.Background(), after(10*ms, 0), goexits, after(30*ms, 2)))
		var pe *task.PanicError
		if len(got) != 3 || !sameSteps([]step{got[0], got[2]}, []step{{0, nil, 10 * ms}, {2, nil, 30 * ms}}) || !errors.As(got[1].err, &pe) || got[1].at != 20*ms {
			t.Fatalf("AsCompleted(fn returning 0 after 10ms, fn calling runtime.Goexit after 20ms, fn returning 2 after 30ms) yielded %s, want 3 results: (0, a *task.PanicError) at 20ms in the place of the function that never returned, and the others as they return", steps(got))
		}
	})
}
