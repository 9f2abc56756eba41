package bench

import (
	"context"
	"testing"

	"github.com/conckata/conckata/internal/conformance/waittest"
	kata "github.com/conckata/conckata/katas/wait"
	"github.com/conckata/conckata/solutions/task"
	"github.com/conckata/conckata/solutions/wait"
)

type waitFunc = func(ctx context.Context, tasks []*waittest.Task, mode int) (done, pending []*waittest.Task, err error)

// waits take modes as 0 (AllCompleted), 1 (FirstCompleted), 2 (FirstError).
var waits = []impl[waitFunc]{
	{"reference", func() waitFunc {
		return func(ctx context.Context, tasks []*waittest.Task, mode int) ([]*waittest.Task, []*waittest.Task, error) {
			return wait.Wait(ctx, tasks, wait.Mode(mode))
		}
	}},
	{"reflect-select", func() waitFunc { return waittest.ReflectSelect }},
	{"kata", func() waitFunc {
		return func(ctx context.Context, tasks []*waittest.Task, mode int) ([]*waittest.Task, []*waittest.Task, error) {
			return kata.Wait(ctx, tasks, kata.Mode(mode))
		}
	}},
}

func probeWait(w waitFunc) { w(context.Background(), nil, 0) }

// doneTasks returns n tasks that have all returned 1.
func doneTasks(n int) []*waittest.Task {
	tasks := make([]*waittest.Task, n)
	for i := range tasks {
		tasks[i] = task.Go(context.Background(), trivial)
		<-tasks[i].Done()
	}
	return tasks
}

// BenchmarkWait measures Wait over 1000 tasks that are all done already, in
// each mode (op=all-completed-1000, op=first-completed-1000,
// op=first-error-1000: nothing fails, so every task is looked at), and a
// FirstCompleted wait over 100 pending tasks and one new task that returns
// at once: the cost of watching the pending ones (op=first-completed-wake-100).
func BenchmarkWait(b *testing.B) {
	ctx := context.Background()
	done := doneTasks(1000)
	for _, c := range []struct {
		op   string
		mode int
	}{{"all-completed-1000", 0}, {"first-completed-1000", 1}, {"first-error-1000", 2}} {
		b.Run("op="+c.op, func(b *testing.B) {
			run(b, waits, probeWait, func(b *testing.B, w waitFunc) {
				for b.Loop() {
					if d, _, err := w(ctx, done, c.mode); err != nil || len(d) != len(done) {
						b.Fatal(len(d), err)
					}
				}
			})
		})
	}
	b.Run("op=first-completed-wake-100", func(b *testing.B) {
		gate := make(chan struct{})
		defer close(gate)
		stuck := make([]*waittest.Task, 100)
		for i := range stuck {
			stuck[i] = task.Go(ctx, func(context.Context) (int, error) { <-gate; return 0, nil })
		}
		run(b, waits, probeWait, func(b *testing.B, w waitFunc) {
			for b.Loop() {
				tasks := append(stuck[:len(stuck):len(stuck)], task.Go(ctx, trivial))
				if d, _, err := w(ctx, tasks, 1); err != nil || len(d) != 1 {
					b.Fatal(len(d), err)
				}
			}
		})
	})
}
