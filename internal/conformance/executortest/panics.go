package executortest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"testing"
	"testing/synctest"

	"github.com/conckata/conckata/internal/bubble"
	"github.com/conckata/conckata/solutions/task"
)

// panicAt returns a body that panics with v for element x and returns the
// result at once for the others.
func panicAt(x int, v any) Func {
	return func(_ context.Context, y int) (int, error) {
		if y == x {
			panic(v)
		}
		return result(y), nil
	}
}

func panicBecomesError(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		got, err := impl.Map(t.Context(), 2, elems(5), panicAt(3, "kaboom"))
		checkPanicError(t, "Map(ctx, 2, [0..4], fn) where fn(3) panics with \"kaboom\"", err, "kaboom")
		if got != nil {
			t.Errorf("Map(ctx, 2, [0..4], fn) where fn(3) panics returned the results %v, want nil", got)
		}
		_, err = impl.Map(t.Context(), 2, elems(5), panicAt(0, errBoom))
		if !errors.Is(err, errBoom) {
			t.Errorf("Map(ctx, 2, [0..4], fn) where fn(0) panics with the error boom returned %v; want a *task.PanicError that errors.Is boom", err)
		}
		if impl.Stream == nil {
			return
		}
		const what = "Stream(ctx, 2, [0..4], fn) where fn(1) panics with \"kaboom\""
		pairs := collect(impl.Stream(t.Context(), 2, slices.Values(elems(5)), panicAt(1, "kaboom")))
		if len(pairs) != 2 || pairs[0] != (pair{result(0), nil}) || pairs[1].v != 0 {
			t.Fatalf("%s yielded %v; want (%d, nil), then (0, the panic as an error), then the end", what, pairs, result(0))
		}
		checkPanicError(t, what, pairs[1].err, "kaboom")
	})
}

func goexitBecomesError(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		// fn(3) ends its goroutine as t.FailNow does in a test: it never
		// returns, so it has no result to report.
		goexitAt := func(_ context.Context, x int) (int, error) {
			if x == 3 {
				runtime.Goexit()
			}
			return result(x), nil
		}
		got, err := impl.Map(t.Context(), 2, elems(5), goexitAt)
		var pe *task.PanicError
		if got != nil || !errors.As(err, &pe) {
			t.Errorf("Map(ctx, 2, [0..4], fn) where fn(3) calls runtime.Goexit = %v, %v; want nil and a *task.PanicError: fn(3) never returned, so there is no result to put in its place", got, err)
		}
		if impl.Stream == nil {
			return
		}
		const what = "Stream(ctx, 2, [0..4], fn) where fn(1) calls runtime.Goexit"
		goexitAt = func(_ context.Context, x int) (int, error) {
			if x == 1 {
				runtime.Goexit()
			}
			return result(x), nil
		}
		// A Stream that waits for the lost result for ever is a deadlock
		// of the bubble, which the harness reports.
		pairs := collect(impl.Stream(t.Context(), 2, slices.Values(elems(5)), goexitAt))
		if len(pairs) != 2 || pairs[0] != (pair{result(0), nil}) || !errors.As(pairs[1].err, &pe) {
			t.Errorf("%s yielded %v; want (%d, nil), then (0, a *task.PanicError), then the end", what, pairs, result(0))
		}
	})
}

// checkPanicError fails t unless err is a *task.PanicError of value v with
// the stack of the function that panicked.
func checkPanicError(t *testing.T, what string, err error, v any) {
	t.Helper()
	var pe *task.PanicError
	if !errors.As(err, &pe) {
		t.Errorf("%s gave the error %v (%T); want a *task.PanicError", what, err, err)
		return
	}
	if pe.Value != v || !bytes.Contains(pe.Stack, []byte("panicAt")) {
		t.Errorf("%s gave a *task.PanicError with Value %#v and a stack of %d bytes that does not name the function that panicked; want Value %#v and the stack of the panicking goroutine (debug.Stack in the recover)", what, pe.Value, len(pe.Stack), v)
	}
}

func nilFunctionPanics(t *testing.T, impl Impl) {
	// A Map that panics whatever its function (a stub) does not pass: the
	// same calls with a function must work first.
	instant := func(_ context.Context, x int) (int, error) { return result(x), nil }
	if got, err := impl.Map(t.Context(), 2, elems(3), instant); err != nil || !slices.Equal(got, wantResults(3)) {
		t.Fatalf("Map(ctx, 2, [0 1 2], fn) = %v, %v; want %v, nil", got, err, wantResults(3))
	}
	check := func(what string, p any) {
		if msg := fmt.Sprint(p); p == nil || !strings.HasPrefix(msg, "executor: ") {
			t.Errorf("%s panicked with %#v; want a panic whose message starts with \"executor: \"", what, p)
		}
	}
	check("Map(ctx, 2, [0 1 2], nil)", bubble.Panics(func() { _, _ = impl.Map(t.Context(), 2, elems(3), nil) }))
	if impl.Stream == nil {
		return
	}
	if got := collect(impl.Stream(t.Context(), 2, slices.Values(elems(3)), instant)); !slices.Equal(got, pairsOf(wantResults(3))) {
		t.Fatalf("Stream(ctx, 2, [0 1 2], fn) yielded %v; want %v", got, pairsOf(wantResults(3)))
	}
	// Stream may panic when called or when iterated: both come before any
	// element is read.
	check("Stream(ctx, 2, [0 1 2], nil) and a loop over it", bubble.Panics(func() {
		for range impl.Stream(t.Context(), 2, slices.Values(elems(3)), nil) {
			break
		}
	}))
}
