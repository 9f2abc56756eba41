package ascompletedtest

import (
	"context"
	"testing"
	"testing/synctest"

	"github.com/conckata/conckata/internal/taskfake"
	"github.com/conckata/conckata/internal/taskfake/panicerr"
)

func panicBecomesPanicError(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		panics := taskfake.Panic(20*ms, "function 1 panics")
		got, _ := collect(impl.AsCompleted(context.Background(), taskfake.After(10*ms, 0), panics, taskfake.After(30*ms, 2)))
		if len(got) != 3 || !sameSteps([]step{got[0], got[2]}, []step{{0, nil, 10 * ms}, {2, nil, 30 * ms}}) {
			t.Fatalf("AsCompleted(fn returning 0 after 10ms, fn panicking after 20ms, fn returning 2 after 30ms) yielded %s, want 3 results: the panic in its place and the others as they return", steps(got))
		}
		if p := got[1]; !panicerr.Is(p.err) || p.v != 0 || p.at != 20*ms {
			t.Fatalf("a function that panicked after 20ms was yielded as %s, want (0, a *task.PanicError) at 20ms", p)
		}
		if why := panicerr.Problem(got[1].err, "function 1 panics", ""); why != "" {
			t.Errorf("the error yielded for a function that called panic(%q) is wrong: %s", "function 1 panics", why)
		}
	})
}

func goexitBecomesPanicError(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		goexits := taskfake.Goexit(20 * ms) // as t.FailNow does in a test
		// An iterator that waits for the result of the function that never
		// returned deadlocks the bubble, which the harness reports.
		got, _ := collect(impl.AsCompleted(context.Background(), taskfake.After(10*ms, 0), goexits, taskfake.After(30*ms, 2)))
		if len(got) != 3 || !sameSteps([]step{got[0], got[2]}, []step{{0, nil, 10 * ms}, {2, nil, 30 * ms}}) || !panicerr.Is(got[1].err) || got[1].at != 20*ms {
			t.Fatalf("AsCompleted(fn returning 0 after 10ms, fn calling runtime.Goexit after 20ms, fn returning 2 after 30ms) yielded %s, want 3 results: (0, a *task.PanicError) at 20ms in the place of the function that never returned, and the others as they return", steps(got))
		}
	})
}
