package gathertest

import (
	"context"
	"errors"
	"slices"
	"testing"
	"testing/synctest"
	"time"

	"github.com/conckata/conckata/internal/taskfake"
)

var (
	errFirstInTime = errors.New("failed first in time (at 2s)")
	errFirstArg    = errors.New("failed first in argument order (at 3s)")
	errLast        = errors.New("failed last, in time and in argument order (at 4s)")
	errBoom        = errors.New("boom")
)

func firstErrorInTimeWins(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		tr := newTrace()
		// All ignore their ctx, so every error is returned, at its time.
		got, err := impl.Gather(context.Background(), tr.fns(
			taskfake.Ignore(time.Second, 1, nil),
			taskfake.Ignore(3*time.Second, 2, errFirstArg),
			taskfake.Ignore(2*time.Second, 3, errFirstInTime),
			taskfake.Ignore(4*time.Second, 4, errLast),
		)...)
		if err != errFirstInTime {
			t.Errorf("Gather of functions failing at 3s, 2s and 4s (ignoring their ctx) returned the error %q, want %q: the first error in time wins", errText(err), errFirstInTime)
		}
		if got != nil {
			t.Errorf("Gather with a failed function returned the slice %v, want nil with the error", got)
		}
		if d := tr.elapsed(); d != 4*time.Second {
			t.Errorf("Gather of functions that ignore their ctx and return at 1s to 4s returned after %v, want 4s (after the last one)", d)
		}
	})
}

func errorCancelsSiblings(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		tr := newTrace()
		// The siblings stop when their ctx is done, and return ctx.Err(): an
		// error that comes after errBoom in time, caused by it.
		got, err := impl.Gather(context.Background(), tr.fns(
			taskfake.UntilCancelled(time.Hour, 0, 1),
			taskfake.Ignore(time.Second, 2, errBoom),
			taskfake.UntilCancelled(time.Hour, 0, 3),
			taskfake.UntilCancelled(time.Hour, 0, 4),
		)...)
		if d := tr.elapsed(); d != time.Second {
			t.Fatalf("Gather of a function failing at 1s and three that wait up to 1h for their ctx returned after %v, want 1s: the failure must cancel the siblings' ctx", d)
		}
		if err != errBoom {
			t.Errorf("Gather of a function failing at 1s with %q and three siblings that then return ctx.Err() returned the error %q, want %q: a sibling's cancellation is not the cause", errBoom, errText(err), errBoom)
		}
		if got != nil {
			t.Errorf("Gather with a failed function returned the slice %v, want nil with the error", got)
		}
		for _, i := range []int{0, 2, 3} {
			switch ctxErr, at, ok := tr.ctxErr(i); {
			case !ok:
				t.Errorf("sibling %d of the function that failed at 1s was still running when Gather returned, want it returned", i)
			case !errors.Is(ctxErr, context.Canceled) || at != time.Second:
				t.Errorf("sibling %d of the function that failed at 1s returned at %v with ctx.Err() = %v, want at 1s with context.Canceled", i, at, ctxErr)
			}
		}
	})
}

func returnsAfterEveryFunction(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		tr := newTrace()
		fns := tr.fns(
			taskfake.Ignore(0, 1, nil),
			taskfake.Ignore(time.Second, 2, errBoom),
			taskfake.Ignore(3*time.Second, 3, nil),               // ignores the cancellation
			taskfake.UntilCancelled(time.Hour, 2*time.Second, 4), // takes 2s to stop
		)
		_, err := impl.Gather(context.Background(), fns...)
		if running := tr.running(len(fns)); len(running) > 0 {
			t.Errorf("Gather of a function failing at 1s, one that ignores its ctx until 3s and one that takes 2s to stop returned at %v with functions %v still running, want it to return at 3s with none running: Gather must wait for every function (a goroutine left running leaks)",
				tr.elapsed(), running)
		} else if err != errBoom {
			t.Errorf("Gather of a function failing at 1s with %q, whose siblings return later, returned the error %q, want %q", errBoom, errText(err), errBoom)
		}
	})
	synctest.Test(t, func(t *testing.T) {
		tr := newTrace()
		fns := tr.fns(
			taskfake.Ignore(0, 1, nil),
			taskfake.Ignore(time.Second, 2, errBoom),
			taskfake.Ignore(3*time.Second, 3, nil),
		)
		impl.GatherAll(context.Background(), fns...)
		if running := tr.running(len(fns)); len(running) > 0 {
			t.Errorf("GatherAll of functions returning at 0s, 1s (failing) and 3s returned at %v with functions %v still running, want it to return at 3s with none running", tr.elapsed(), running)
		}
	})
}

func gatherAllNeverCancels(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		tr := newTrace()
		// They finish in argument order: this property is not about order.
		got := impl.GatherAll(context.Background(), tr.fns(
			taskfake.Ignore(0, 1, nil),
			taskfake.Ignore(time.Second, 2, errBoom),
			taskfake.UntilCancelled(3*time.Second, 0, 3),
			taskfake.UntilCancelled(4*time.Second, 0, 4),
		)...)
		want := []Result{{1, nil}, {2, errBoom}, {3, nil}, {4, nil}}
		if !slices.Equal(got, want) {
			t.Errorf("GatherAll of functions returning 1 at 0s, (2, %q) at 1s, and 3 at 3s and 4 at 4s unless their ctx is cancelled, returned %v; want %v: an error cancels nothing, and each Result holds what its function returned", errBoom, got, want)
		}
		for _, i := range []int{2, 3} {
			if ctxErr, at, _ := tr.ctxErr(i); ctxErr != nil {
				t.Errorf("function %d of GatherAll saw its ctx done (%v) at %v after a sibling failed at 1s, want it never cancelled (return_exceptions=True cancels nothing)", i, ctxErr, at)
			}
		}
		if d := tr.elapsed(); d != 4*time.Second {
			t.Errorf("GatherAll of functions returning at 0s to 4s returned after %v, want 4s", d)
		}
	})
}

func parentCancelReachesEveryFunction(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		tr := newTrace()
		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(time.Second, cancel)
		got, err := impl.Gather(ctx, tr.fns(taskfake.UntilCancelled(time.Hour, 0, 1), taskfake.UntilCancelled(time.Hour, 0, 2))...)
		if d := tr.elapsed(); d != time.Second || !errors.Is(err, context.Canceled) || got != nil {
			t.Errorf("Gather of functions that wait up to 1h for their ctx, with ctx cancelled at 1s, returned %v, %v after %v; want nil, context.Canceled after 1s", got, err, d)
		}
	})
	synctest.Test(t, func(t *testing.T) {
		tr := newTrace()
		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(time.Second, cancel)
		got := impl.GatherAll(ctx, tr.fns(taskfake.UntilCancelled(time.Hour, 0, 1), taskfake.Ignore(2*time.Second, 2, nil))...)
		want := []Result{{0, context.Canceled}, {2, nil}}
		if d := tr.elapsed(); d != 2*time.Second || !slices.Equal(got, want) {
			t.Errorf("GatherAll of a function that waits up to 1h for its ctx and one that returns 2 at 2s, with ctx cancelled at 1s, returned %v after %v; want %v after 2s", got, d, want)
		}
	})
	synctest.Test(t, func(t *testing.T) {
		done, cancel := context.WithCancel(context.Background())
		cancel()
		tr := newTrace()
		ignoring := tr.fns(taskfake.Ignore(0, 1, nil), taskfake.Ignore(time.Second, 2, nil))
		if got, err := impl.Gather(done, ignoring...); err != nil || !slices.Equal(got, []int{1, 2}) {
			t.Errorf("Gather with a cancelled ctx of two functions that ignore it returned %v, %v; want [1 2], nil: every function is called, and decides what a done ctx means", got, err)
		}
		if got, want := impl.GatherAll(done, ignoring...), []Result{{1, nil}, {2, nil}}; !slices.Equal(got, want) {
			t.Errorf("GatherAll with a cancelled ctx of two functions that ignore it returned %v; want %v", got, want)
		}
		for i := range 2 {
			if ctxErr, _, ok := tr.ctxErr(i); !ok || !errors.Is(ctxErr, context.Canceled) {
				t.Errorf("function %d of a Gather with a cancelled ctx: called %v, its ctx.Err() %v; want called with a cancelled ctx", i, ok, ctxErr)
			}
		}
	})
}

// errText is err's message, or "<nil>".
func errText(err error) string {
	if err == nil {
		return "<nil>"
	}
	return err.Error()
}
