package waittest

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/conckata/conckata/internal/bubble"
)

func emptyListReturnsAtOnce(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		done, cancel := context.WithCancel(context.Background())
		cancel()
		for _, ctx := range []context.Context{context.Background(), done} {
			for _, mode := range impl.modes() {
				for _, tasks := range [][]*Task{nil, {}} {
					w := startWait(ctx, impl, tasks, mode)
					if w.Waiting() {
						t.Fatalf("Wait(%s) on an empty list (ctx.Err() = %v) still waits, want it returned at once", impl.modeName(mode), ctx.Err())
					}
					if r := w.res; len(r.done)+len(r.pending) > 0 || r.err != nil || r.at != 0 {
						t.Errorf("Wait(%s) on an empty list (ctx.Err() = %v) returned %d done, %d pending and %v at %v, want nothing and a nil error at once", impl.modeName(mode), ctx.Err(), len(r.done), len(r.pending), r.err, r.at)
					}
				}
			}
		}
	})
}

// checkPanicsFirst fails t unless Wait(tasks, mode) panics at once with a
// "wait: ..." message containing about, and then checks that a valid Wait
// still works.
func checkPanicsFirst(t *testing.T, impl Impl, f *fleet, tasks []*Task, mode int, about string) {
	t.Helper()
	var v any
	returned := false
	w := bubble.Start("Wait", func(ctx context.Context) error {
		v = bubble.Panics(func() { impl.Wait(ctx, tasks, mode) })
		returned = true
		return nil
	})
	what := fmt.Sprintf("Wait(%s) on %s (t0 pending for an hour)", impl.modeName(mode), f.names(tasks))
	if w.Waiting() {
		t.Fatalf("%s still waits, want a panic at once, before any waiting: a caller bug shows at the call", what)
	}
	if msg := fmt.Sprint(v); !returned || v == nil || !strings.HasPrefix(msg, "wait: ") || !strings.Contains(msg, about) {
		t.Fatalf("%s panicked with %v, want a \"wait: ...\" message that mentions %q", what, v, about)
	}
	if got := waitNow(context.Background(), impl, nil, impl.AllCompleted); got.err != nil {
		t.Errorf("after the panic, Wait(AllCompleted) on an empty list returned %v, want nil", got.err)
	}
}

func invalidModePanicsFirst(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		var f fleet
		defer f.end()
		t0 := f.start(succeeds(time.Hour, 0))
		for _, mode := range []int{-1, max(impl.AllCompleted, impl.FirstCompleted, impl.FirstError) + 1, 1000} {
			checkPanicsFirst(t, impl, &f, list(t0), mode, "mode")
			checkPanicsFirst(t, impl, &f, nil, mode, "mode")
		}
	})
}

func nilTaskPanics(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		var f fleet
		defer f.end()
		t0 := f.start(succeeds(time.Hour, 0))
		for _, mode := range impl.modes() {
			checkPanicsFirst(t, impl, &f, list(t0, nil), mode, "nil")
		}
	})
}

func duplicatesCountedEachTime(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		var f fleet
		defer f.end()
		t0, t1 := f.start(succeeds(10*ms, 0)), f.start(succeeds(20*ms, 1))
		tasks := list(t0, t1, t0)
		got := waitNow(context.Background(), impl, tasks, impl.FirstCompleted)
		if !got.is(list(t0, t0), list(t1), nil, 10*ms) {
			t.Errorf("Wait(FirstCompleted) on [t0 t1 t0], t0 done at 10ms and t1 at 20ms, returned %s, want %s: each entry of the list lands in done or pending", f.describe(got), f.want(list(t0, t0), list(t1), nil, 10*ms))
		}
		got = waitNow(context.Background(), impl, tasks, impl.AllCompleted)
		if !got.is(tasks, nil, nil, 10*ms) {
			t.Errorf("at 10ms, Wait(AllCompleted) on [t0 t1 t0] returned %s, want %s", f.describe(got), f.want(tasks, nil, nil, 10*ms))
		}
	})
}
