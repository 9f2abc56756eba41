package tasktest

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/conckata/conckata/internal/storm"
)

// stormTasks is how many tasks the storm runs at once.
const stormTasks = 64

// outcome is what one call reported about a task.
type outcome struct {
	v   int
	err error
}

// reports are what the goroutines using one task saw.
type reports struct {
	wait, cancelThenWait, waitFor, polled outcome
	polledCancelled                       bool
}

func concurrentUseIsSafe(t *testing.T, impl Impl) {
	tasks := make([]Task, stormTasks)
	seen := make([]reports, stormTasks)
	stuck := fmt.Sprintf("one of the %d tasks was never done, or a Wait or WaitFor outlived it", stormTasks)
	storm.Run(t, stormTasks, 3, stuck, func(ctx context.Context, i int, r *rand.Rand) {
		work, timeout := r.IntN(50), time.Duration(r.IntN(50))*time.Microsecond
		task := impl.Go(ctx, func(fctx context.Context) (int, error) {
			for range work {
				runtime.Gosched()
			}
			if i%2 == 0 { // even tasks ignore cancellation
				return i, nil
			}
			<-fctx.Done()
			return 0, fctx.Err()
		})
		tasks[i] = task
		useAtOnce(ctx, impl, task, timeout, &seen[i])
	})
	for i, task := range tasks {
		checkStormTask(t, impl, i, task, seen[i])
	}
}

// useAtOnce has four goroutines use task at once, and records in s what each
// saw: Wait, Cancel then Wait, WaitFor, and Result polled until done.
func useAtOnce(ctx context.Context, impl Impl, task Task, timeout time.Duration, s *reports) {
	var wg sync.WaitGroup
	wg.Go(func() { s.wait.v, s.wait.err = task.Wait(ctx) })
	wg.Go(func() { task.Cancel(); s.cancelThenWait.v, s.cancelThenWait.err = task.Wait(ctx) })
	wg.Go(func() { s.waitFor.v, s.waitFor.err = impl.WaitFor(ctx, task, timeout) })
	wg.Go(func() {
		for ctx.Err() == nil {
			if v, err := task.Result(); !errors.Is(err, impl.ErrNotDone) {
				s.polled, s.polledCancelled = outcome{v, err}, task.Cancelled()
				return
			}
			runtime.Gosched()
		}
	})
	wg.Wait()
}

// checkStormTask checks what the storm's goroutines saw of task i against
// its final result.
func checkStormTask(t *testing.T, impl Impl, i int, task Task, s reports) {
	t.Helper()
	v, err := task.Result()
	final := outcome{v, err}
	want := outcome{i, nil}
	if i%2 == 1 {
		want = outcome{0, context.Canceled}
	}
	switch {
	case final != want:
		t.Errorf("task %d ended with Result() = (%d, %v) after a storm of Waits, WaitFors and Cancels, want (%d, %v)", i, v, err, want.v, want.err)
	case s.wait != final || s.cancelThenWait != final || s.polled != final:
		t.Errorf("task %d ended with (%d, %v), but concurrent callers saw Wait (%d, %v), Cancel then Wait (%d, %v), the first Result that was not ErrNotDone (%d, %v); want every one the same", i, v, err,
			s.wait.v, s.wait.err, s.cancelThenWait.v, s.cancelThenWait.err, s.polled.v, s.polled.err)
	case s.polledCancelled != (i%2 == 1) || task.Cancelled() != (i%2 == 1):
		t.Errorf("task %d ended with (%d, %v), but Cancelled() = %v (and %v just after Result reported it done), want %v", i, v, err, task.Cancelled(), s.polledCancelled, i%2 == 1)
	case i%2 == 0 && s.waitFor != final:
		t.Errorf("task %d ignores cancellation and ended with (%d, %v), but WaitFor returned (%d, %v), want the same", i, v, err, s.waitFor.v, s.waitFor.err)
	case i%2 == 1 && s.waitFor != final && (s.waitFor.v != 0 || timedOut(impl, s.waitFor.err) != ""):
		t.Errorf("task %d stops when cancelled and ended with (%d, %v), but WaitFor returned (%d, %v), want that or (0, ErrTimeout)", i, v, err, s.waitFor.v, s.waitFor.err)
	}
}
