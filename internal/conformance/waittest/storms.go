package waittest

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"
	"time"

	"github.com/conckata/conckata/internal/storm"
	"github.com/conckata/conckata/internal/taskfake"
	"github.com/conckata/conckata/solutions/task"
)

func stormPartitionsAndCancelsNothing(t *testing.T, impl Impl) {
	storm.Run(t, 4, 8, "a Wait never returned, or missed the end of a task, though every task ends", func(ctx context.Context, g int, r *rand.Rand) {
		for round := 0; round < 60 && ctx.Err() == nil; round++ {
			if err := stormRound(ctx, impl, r); err != nil {
				t.Errorf("storm goroutine %d, round %d: %v", g, round, err)
				return
			}
		}
	})
}

// stormRound starts up to 20 tasks that work for a few microseconds, some
// failing, and has two goroutines Wait for them at once, in random modes,
// some with a ctx that expires within 50µs.
func stormRound(parent context.Context, impl Impl, r *rand.Rand) error {
	n := r.IntN(20)
	tasks := make([]*Task, n)
	for i := range tasks {
		spins, fail := r.IntN(30), r.IntN(5) == 0
		tasks[i] = task.Go(parent, func(ctx context.Context) (int, error) {
			if err := taskfake.Spin(ctx, spins); err != nil {
				return 0, err // only a Wait that cancels would bring this about
			}
			if fail {
				return 0, errBoom
			}
			return i, nil
		})
	}
	errs := make([]error, 2)
	var waits sync.WaitGroup
	for w := range errs {
		mode := impl.modes()[r.IntN(3)]
		timeout := time.Duration(r.IntN(50)) * time.Microsecond
		if r.IntN(2) == 0 {
			timeout = storm.Timeout
		}
		waits.Go(func() {
			ctx, cancel := context.WithTimeout(parent, timeout)
			defer cancel()
			done, pending, err := impl.Wait(ctx, tasks, mode)
			errs[w] = checkSplit(ctx, impl, tasks, mode, done, pending, err)
		})
	}
	waits.Wait()
	for _, t := range tasks {
		select {
		case <-t.Done():
		case <-parent.Done():
			return fmt.Errorf("a task still ran at the end of the storm")
		}
		if t.Cancelled() && parent.Err() == nil {
			return fmt.Errorf("a task ended cancelled, and nothing but Wait could have cancelled it: Wait never cancels a task")
		}
	}
	return errors.Join(errs...)
}

// checkSplit checks what one Wait(mode) on tasks returned.
func checkSplit(ctx context.Context, impl Impl, tasks []*Task, mode int, done, pending []*Task, err error) error {
	what := fmt.Sprintf("Wait(%s) on %d tasks", impl.modeName(mode), len(tasks))
	d, p := 0, 0
	for i, t := range tasks {
		switch {
		case d < len(done) && done[d] == t:
			d++
		case p < len(pending) && pending[p] == t:
			p++
		default:
			return fmt.Errorf("%s returned %d done and %d pending tasks, which are not the list split in two in its order (task %d is in neither at its place)", what, len(done), len(pending), i)
		}
	}
	if d != len(done) || p != len(pending) {
		return fmt.Errorf("%s returned %d done and %d pending tasks, want %d in all", what, len(done), len(pending), len(tasks))
	}
	failed := false
	for _, t := range done {
		if _, terr := t.Result(); errors.Is(terr, task.ErrNotDone) {
			return fmt.Errorf("%s returned a task in done that is not done", what)
		} else if terr != nil && !t.Cancelled() {
			failed = true
		}
	}
	switch {
	case err != nil && (ctx.Err() == nil || !errors.Is(err, ctx.Err())):
		return fmt.Errorf("%s returned %v with ctx.Err() = %v, want nil or ctx.Err()", what, err, ctx.Err())
	case err != nil:
	case mode == impl.AllCompleted && len(pending) > 0,
		mode == impl.FirstCompleted && len(tasks) > 0 && len(done) == 0,
		mode == impl.FirstError && len(pending) > 0 && !failed:
		return fmt.Errorf("%s returned %d done and %d pending with a nil error, which does not meet the mode", what, len(done), len(pending))
	}
	return nil
}
