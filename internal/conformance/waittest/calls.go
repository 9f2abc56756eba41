package waittest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/conckata/conckata/internal/bubble"
	"github.com/conckata/conckata/internal/taskfake"
	"github.com/conckata/conckata/solutions/task"
)

const ms = time.Millisecond

// errBoom is what a failing task returns, to tell it from anything else.
var errBoom = errors.New("boom")

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
	withFleet(t, func(t *testing.T, f *fleet) {
		t0 := f.start(taskfake.After(time.Hour, 0))
		for _, mode := range []int{-1, max(impl.AllCompleted, impl.FirstCompleted, impl.FirstError) + 1, 1000} {
			checkPanicsFirst(t, impl, f, list(t0), mode, "mode")
			checkPanicsFirst(t, impl, f, nil, mode, "mode")
		}
	})
}

func nilTaskPanics(t *testing.T, impl Impl) {
	withFleet(t, func(t *testing.T, f *fleet) {
		t0 := f.start(taskfake.After(time.Hour, 0))
		for _, mode := range impl.modes() {
			checkPanicsFirst(t, impl, f, list(t0, nil), mode, "nil")
		}
	})
}

func duplicatesCountedEachTime(t *testing.T, impl Impl) {
	withFleet(t, func(t *testing.T, f *fleet) {
		t0, t1 := f.start(taskfake.After(10*ms, 0)), f.start(taskfake.After(20*ms, 1))
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

// withFleet runs body in a synctest bubble with a fleet of its own, whose
// tasks it cancels and waits for at the end, so that the bubble ends
// whatever Wait did.
func withFleet(t *testing.T, body func(t *testing.T, f *fleet)) {
	synctest.Test(t, func(t *testing.T) {
		var f fleet
		defer f.end()
		body(t, &f)
	})
}

// fleet is the tasks of one property, named t0, t1, ... in messages.
type fleet struct{ tasks []*Task }

// start starts a task running fn; it must run in a bubble.
func (f *fleet) start(fn func(context.Context) (int, error)) *Task {
	t := task.Go(context.Background(), fn)
	f.tasks = append(f.tasks, t)
	return t
}

// cancelledAt starts a task that runs until it is cancelled, at d.
func (f *fleet) cancelledAt(d time.Duration) *Task {
	t := f.start(taskfake.After(time.Hour, 0))
	time.AfterFunc(d, t.Cancel)
	return t
}

// names returns the names of ts: "[t0 t2]".
func (f *fleet) names(ts []*Task) string {
	parts := make([]string, len(ts))
	for i, t := range ts {
		if j := slices.Index(f.tasks, t); j >= 0 {
			parts[i] = fmt.Sprintf("t%d", j)
		} else {
			parts[i] = fmt.Sprint(t)
		}
	}
	return "[" + strings.Join(parts, " ") + "]"
}

// end cancels every task and waits until all have returned, so that the
// bubble can end whatever Wait did.
func (f *fleet) end() {
	for _, t := range f.tasks {
		t.Cancel()
	}
	synctest.Wait()
}

// result is what one Wait returned, and when.
type result struct {
	done, pending []*Task
	err           error
	at            time.Duration // since the call, on the bubble's clock
}

// call is a Wait running in its own goroutine, in a bubble.
type call struct {
	*bubble.Call
	res result
}

// startWait starts impl.Wait(ctx, tasks, mode) and returns once the bubble is
// idle: Wait then waits or has returned.
func startWait(ctx context.Context, impl Impl, tasks []*Task, mode int) *call {
	c := &call{}
	start := time.Now()
	c.Call = bubble.StartWith(ctx, "Wait", func(ctx context.Context) error {
		done, pending, err := impl.Wait(ctx, tasks, mode)
		c.res = result{done, pending, err, time.Since(start)}
		return err
	})
	return c
}

// waitNow calls impl.Wait in this goroutine and times it.
func waitNow(ctx context.Context, impl Impl, tasks []*Task, mode int) result {
	start := time.Now()
	done, pending, err := impl.Wait(ctx, tasks, mode)
	return result{done, pending, err, time.Since(start)}
}

// is reports whether r has exactly the done and pending tasks wanted, an
// error that errors.Is want (or nil, for nil), and came at the moment at.
func (r result) is(done, pending []*Task, want error, at time.Duration) bool {
	return slices.Equal(r.done, done) && slices.Equal(r.pending, pending) &&
		(want == nil && r.err == nil || want != nil && errors.Is(r.err, want)) && r.at == at
}

func (f *fleet) describe(r result) string {
	return fmt.Sprintf("done %s, pending %s, err %v at %v", f.names(r.done), f.names(r.pending), r.err, r.at)
}

func (f *fleet) want(done, pending []*Task, err error, at time.Duration) string {
	return f.describe(result{done, pending, err, at})
}

// list is a shorthand for a list of tasks.
func list(ts ...*Task) []*Task { return ts }

// modeName names mode for messages.
func (impl Impl) modeName(mode int) string {
	switch mode {
	case impl.AllCompleted:
		return "AllCompleted"
	case impl.FirstCompleted:
		return "FirstCompleted"
	case impl.FirstError:
		return "FirstError"
	}
	return fmt.Sprintf("Mode(%d)", mode)
}

func (impl Impl) modes() []int { return []int{impl.AllCompleted, impl.FirstCompleted, impl.FirstError} }
