package waittest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing/synctest"
	"time"

	"github.com/conckata/conckata/internal/bubble"
	"github.com/conckata/conckata/solutions/task"
)

const ms = time.Millisecond

var errBoom = errors.New("boom")

// The task functions below run in synctest bubbles: their sleeps are on the
// bubble's fake clock. Each one returns (0, ctx.Err()) if its ctx is done
// first, so that a Wait that cancels a task is seen in its result.

// succeeds returns v after d.
func succeeds(d time.Duration, v int) func(context.Context) (int, error) {
	return func(ctx context.Context) (int, error) {
		timer := time.NewTimer(d)
		defer timer.Stop()
		select {
		case <-timer.C:
			return v, nil
		case <-ctx.Done():
			return 0, ctx.Err()
		}
	}
}

// fails returns errBoom after d.
func fails(d time.Duration) func(context.Context) (int, error) {
	return func(ctx context.Context) (int, error) {
		if _, err := succeeds(d, 0)(ctx); err != nil {
			return 0, err
		}
		return 0, errBoom
	}
}

// panics panics after d.
func panics(d time.Duration) func(context.Context) (int, error) {
	return func(ctx context.Context) (int, error) {
		succeeds(d, 0)(ctx)
		panic("task panics")
	}
}

// givesUp returns context.Canceled after d, as a function does whose own
// work was cancelled: the task is Cancelled.
func givesUp(d time.Duration) func(context.Context) (int, error) {
	return func(ctx context.Context) (int, error) {
		succeeds(d, 0)(ctx)
		return 0, context.Canceled
	}
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
	t := f.start(succeeds(time.Hour, 0))
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
