package waittest

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/conckata/conckata/internal/taskfake"

	"pgregory.net/rapid"
)

// outcome is how a task of the model ends.
type outcome int

const (
	succeeded outcome = iota
	failed            // errBoom
	gaveUp            // context.Canceled: the task is Cancelled
)

var outcomes = []outcome{succeeded, failed, gaveUp}

// modelTask is one task of the model: when it ends, and how.
type modelTask struct {
	end time.Duration // 0: done before Wait is called
	how outcome
}

func (m modelTask) String() string {
	return fmt.Sprintf("%s at %v", []string{"succeeds", "fails", "gives up"}[m.how], m.end)
}

func (m modelTask) fn(v int) func(context.Context) (int, error) {
	switch m.how {
	case failed:
		return taskfake.Fail(m.end, errBoom)
	case gaveUp:
		return taskfake.Fail(m.end, context.Canceled)
	}
	return taskfake.After(m.end, v)
}

// returnsAt is when the model says a Wait in mode on list returns with no
// ctx in the way: the moment the mode is met.
func (impl Impl) returnsAt(list []modelTask, mode int) time.Duration {
	var first, last, firstFailure time.Duration = -1, 0, -1
	for _, m := range list {
		last = max(last, m.end)
		if first < 0 || m.end < first {
			first = m.end
		}
		if m.how == failed && (firstFailure < 0 || m.end < firstFailure) {
			firstFailure = m.end
		}
	}
	switch {
	case len(list) == 0:
		return 0
	case mode == impl.FirstCompleted:
		return first
	case mode == impl.FirstError && firstFailure >= 0:
		return firstFailure
	}
	return last
}

func splitMatchesModel(t *testing.T, impl Impl) {
	rapid.Check(t, func(rt *rapid.T) {
		rapid.SyncTest(rt, func(rt *rapid.T) {
			n := rapid.IntRange(0, 5).Draw(rt, "tasks")
			ends := rapid.SliceOfNDistinct(rapid.IntRange(1, 20), n, n, rapid.ID[int]).Draw(rt, "ends (x10ms)")
			models := make([]modelTask, n)
			for i := range models {
				models[i].how = rapid.SampledFrom(outcomes).Draw(rt, fmt.Sprintf("t%d outcome", i))
				if !rapid.Bool().Draw(rt, fmt.Sprintf("t%d done before Wait", i)) {
					models[i].end = time.Duration(ends[i]) * 10 * ms
				}
			}
			var idx []int // the list passed to Wait, as indexes: with repeats
			if n > 0 {
				idx = rapid.SliceOfN(rapid.IntRange(0, n-1), 0, n+2).Draw(rt, "list")
			}
			mode := rapid.SampledFrom(impl.modes()).Draw(rt, "mode")
			ctxKind := rapid.SampledFrom([]string{"live", "deadline", "done"}).Draw(rt, "ctx")
			var dl time.Duration
			if ctxKind == "deadline" {
				dl = time.Duration(rapid.IntRange(0, 20).Draw(rt, "deadline (x10ms, +5ms)"))*10*ms + 5*ms
			}
			checkModel(rt, impl, models, idx, mode, ctxKind, dl)
		})
	})
}

// checkModel runs one Wait in the bubble and compares it with the model.
func checkModel(rt *rapid.T, impl Impl, models []modelTask, idx []int, mode int, ctxKind string, dl time.Duration) {
	var f fleet
	defer f.end()
	for i, m := range models {
		f.start(m.fn(100 + i))
	}
	time.Sleep(ms) // the tasks done before Wait end now
	var tasks []*Task
	var list []modelTask
	for _, i := range idx {
		tasks, list = append(tasks, f.tasks[i]), append(list, models[i])
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	switch ctxKind {
	case "deadline":
		dctx, dcancel := context.WithTimeout(ctx, dl-ms) // measured from the call, 1ms after the start
		defer dcancel()
		ctx = dctx
	case "done":
		cancel()
	}
	// The model: when the mode is met, and whether ctx is done before.
	at, wantErr := impl.returnsAt(list, mode), error(nil)
	at = max(at-ms, 0) // measured from the call
	switch {
	case ctxKind == "done" && at > 0:
		at, wantErr = 0, context.Canceled
	case ctxKind == "deadline" && at > dl-ms:
		at, wantErr = dl-ms, context.DeadlineExceeded
	}
	var wantDone, wantPending []*Task
	for i, m := range list {
		if max(m.end-ms, 0) <= at {
			wantDone = append(wantDone, tasks[i])
		} else {
			wantPending = append(wantPending, tasks[i])
		}
	}
	w := startWait(ctx, impl, tasks, mode)
	time.Sleep(300 * ms) // past every end and deadline
	if w.Waiting() {
		rt.Fatalf("Wait(%s) on %s (tasks: %v) still waits after every task has ended", impl.modeName(mode), f.names(tasks), models)
	}
	if !w.res.is(wantDone, wantPending, wantErr, at) {
		rt.Fatalf("Wait(%s) on %s (tasks: %v; times from the call, 1ms after the start) returned %s, want %s", impl.modeName(mode), f.names(tasks), models, f.describe(w.res), f.want(wantDone, wantPending, wantErr, at))
	}
	for i, m := range models {
		v, err := f.tasks[i].Result()
		want := map[outcome]error{succeeded: nil, failed: errBoom, gaveUp: context.Canceled}[m.how]
		if !errors.Is(err, want) || err == nil && v != 100+i {
			rt.Fatalf("after Wait(%s) on %s, t%d (%v) ended with (%d, %v), want its own result: Wait never cancels a task", impl.modeName(mode), f.names(tasks), i, m, v, err)
		}
	}
}
