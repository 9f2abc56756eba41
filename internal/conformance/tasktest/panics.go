package tasktest

import (
	"context"
	"errors"
	"runtime"
	"strings"
	"testing"
	"testing/synctest"
)

// errExploded is what explode panics with.
var errExploded = errors.New("tasktest: exploded")

// explode is a fn that panics; the PanicError's stack must name it.
func explode(context.Context) (int, error) { panic(errExploded) }

func panicBecomesError(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		task := impl.Go(context.Background(), explode)
		v, err := task.Wait(context.Background())
		if v != 0 || err == nil {
			t.Fatalf("Wait on a task whose fn panicked = (%d, %v), want (0, *PanicError)", v, err)
		}
		value, stack, ok := impl.Panic(err)
		if !ok {
			t.Fatalf("Wait on a task whose fn panicked returned %T %q, want a *PanicError", err, err)
		}
		if value != errExploded {
			t.Errorf("PanicError.Value = %v, want the value fn panicked with, %v", value, errExploded)
		}
		if !strings.Contains(string(stack), "tasktest.explode") {
			t.Errorf("PanicError.Stack does not name tasktest.explode, the function that panicked; want the stack of the panicking goroutine (debug.Stack in the deferred recover). Stack:\n%s", stack)
		}
		if !errors.Is(err, errExploded) {
			t.Errorf("errors.Is(err, the error fn panicked with) = false, want true: PanicError.Unwrap returns a panic value that is an error")
		}
		if !strings.Contains(err.Error(), errExploded.Error()) {
			t.Errorf("PanicError.Error() = %q, want it to contain the panic value %q", err.Error(), errExploded.Error())
		}
		if r, rerr := task.Result(); r != 0 || rerr != err {
			t.Errorf("Result() = (%d, %v) after Wait returned (0, %v), want the same", r, rerr, err)
		}
		if task.Cancelled() {
			t.Errorf("Cancelled() = true for a task whose fn panicked, want false")
		}
	})
}

func goexitBecomesError(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		task := impl.Go(context.Background(), func(context.Context) (int, error) {
			runtime.Goexit() // as t.FailNow does in a test
			return 1, nil
		})
		synctest.Wait()
		if !isDone(task) {
			t.Fatalf("Done() still open after fn called runtime.Goexit, want it closed: the goroutine has ended")
		}
		v, err := task.Result()
		if _, _, ok := impl.Panic(err); !ok || v != 0 {
			t.Errorf("Result() = (%d, %v) after fn called runtime.Goexit, want (0, *PanicError): fn never returned, so there is no result to report (x/sync/singleflight handles Goexit the same way)", v, err)
		}
	})
}
