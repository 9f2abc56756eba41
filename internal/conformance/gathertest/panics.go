package gathertest

import (
	"context"
	"errors"
	"testing"
	"testing/synctest"
	"time"

	"github.com/conckata/conckata/internal/taskfake"
	"github.com/conckata/conckata/internal/taskfake/panicerr"
)

// errPanicked is the value of a panic(err), which errors.Is must find
// through the *task.PanicError.
var errPanicked = errors.New("panicked with an error")

func panicBecomesPanicError(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		tr := newTrace()
		got, err := impl.Gather(context.Background(), tr.fns(
			taskfake.UntilCancelled(time.Hour, 0, 1),
			taskfake.Panic(time.Second, "boom"),
		)...)
		checkPanicError(t, "Gather's error", err, "boom")
		if got != nil {
			t.Errorf("Gather with a panicking function returned the slice %v, want nil with the error", got)
		}
		if ctxErr, at, _ := tr.ctxErr(0); !errors.Is(ctxErr, context.Canceled) || at != time.Second {
			t.Errorf("the sibling of a function that panicked at 1s returned at %v with ctx.Err() = %v, want at 1s with context.Canceled: a panic fails Gather like an error", at, ctxErr)
		}
	})
	synctest.Test(t, func(t *testing.T) {
		_, err := impl.Gather(context.Background(), taskfake.Ignore(0, 1, nil), taskfake.Panic(0, errPanicked))
		if !errors.Is(err, errPanicked) {
			t.Errorf("Gather with a function that calls panic(err) returned %q, want an error that errors.Is err (a *task.PanicError unwraps to it)", errText(err))
		}
	})
	synctest.Test(t, func(t *testing.T) {
		goexit := taskfake.Goexit(0) // as t.FailNow does
		got, err := impl.Gather(context.Background(), taskfake.Ignore(0, 1, nil), goexit)
		if !panicerr.Is(err) || got != nil {
			t.Errorf("Gather with a function that calls runtime.Goexit returned %v, %q; want nil and a *task.PanicError: the function did not return", got, errText(err))
		}
	})
	synctest.Test(t, func(t *testing.T) {
		// They finish in argument order: this property is not about order.
		got := impl.GatherAll(context.Background(),
			taskfake.Ignore(0, 1, nil),
			taskfake.Panic(time.Second, "boom"),
			taskfake.UntilCancelled(2*time.Second, 0, 3),
		)
		if len(got) != 3 {
			t.Fatalf("GatherAll of three functions, one panicking, returned %v, want three Results", got)
		}
		if got[0] != (Result{1, nil}) || got[2] != (Result{3, nil}) {
			t.Errorf("GatherAll of functions returning 1, panicking at 1s, and returning 3 at 2s unless cancelled returned %v; want 1 and 3 beside the panic: a panic cancels nothing in GatherAll", got)
		}
		if got[1].Value != 0 {
			t.Errorf("GatherAll's Result for a function that panicked has Value %d, want the zero value", got[1].Value)
		}
		checkPanicError(t, "GatherAll's Result.Err for the panicking function", got[1].Err, "boom")
	})
}

// checkPanicError fails t unless err is a *task.PanicError of value with a
// stack.
func checkPanicError(t *testing.T, what string, err error, value any) {
	t.Helper()
	if why := panicerr.Problem(err, value, ""); why != "" {
		t.Errorf("%s, for a function that panicked with %q, is %q, want a *task.PanicError of that value with the panicking goroutine's stack, but %s", what, value, errText(err), why)
	}
}
