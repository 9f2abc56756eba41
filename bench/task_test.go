package bench

import (
	"context"
	"testing"
	"time"

	"github.com/conckata/conckata/internal/conformance/tasktest"
	kata "github.com/conckata/conckata/katas/task"
	"github.com/conckata/conckata/solutions/task"
)

// taskFn is what every task in the benchmarks runs, at T = int.
type taskFn = func(context.Context) (int, error)

// taskRun starts fn as a task and waits for its result; cancel says whether
// to cancel the task first (fn then returns once it sees its ctx done).
type taskRun func(ctx context.Context, fn taskFn, cancel bool) (int, error)

// outcome of a bare goroutine, sent on its result channel.
type taskOutcome struct {
	v   int
	err error
}

var taskRuns = []impl[taskRun]{
	{"reference", func() taskRun {
		return runVia(func(ctx context.Context, fn taskFn) tasktest.Task { return task.Go(ctx, fn) })
	}},
	{"goroutine-channel", func() taskRun { return goroutineChannel }},
	{"conc-try", func() taskRun { return runVia(tasktest.GoConcTry) }},
	{"kata", func() taskRun {
		return runVia(func(ctx context.Context, fn taskFn) tasktest.Task { return kata.Go(ctx, fn) })
	}},
}

// runVia makes a taskRun of a Go function.
func runVia(goFn func(context.Context, taskFn) tasktest.Task) taskRun {
	return func(ctx context.Context, fn taskFn, cancel bool) (int, error) {
		t := goFn(ctx, fn)
		if cancel {
			t.Cancel()
		}
		return t.Wait(ctx)
	}
}

// goroutineChannel is the floor: a bare goroutine that sends its result on
// a channel, with a cancellable ctx only when it is to be cancelled. It
// recovers no panic and offers no Result, Done or WaitFor.
func goroutineChannel(ctx context.Context, fn taskFn, cancel bool) (int, error) {
	stop := context.CancelFunc(func() {})
	if cancel {
		ctx, stop = context.WithCancel(ctx)
	}
	ch := make(chan taskOutcome, 1)
	go func() {
		v, err := fn(ctx)
		ch <- taskOutcome{v, err}
	}()
	stop()
	r := <-ch
	return r.v, r.err
}

func answer(context.Context) (int, error) { return 42, nil }

func untilCancelled(ctx context.Context) (int, error) {
	<-ctx.Done()
	return 0, ctx.Err()
}

func probeTask(run taskRun) { _, _ = run(context.Background(), answer, false) }

// BenchmarkTask measures the life of one task: start a function that
// returns at once and wait for its result (op=go-wait), and start one that
// waits for its ctx, cancel it and wait (op=go-cancel-wait). impl=goroutine-
// channel is the floor: a bare goroutine and a result channel.
func BenchmarkTask(b *testing.B) {
	ctx := context.Background()
	for _, op := range []struct {
		name   string
		fn     taskFn
		cancel bool
		want   int
	}{{"go-wait", answer, false, 42}, {"go-cancel-wait", untilCancelled, true, 0}} {
		b.Run("op="+op.name, func(b *testing.B) {
			run(b, taskRuns, probeTask, func(b *testing.B, run taskRun) {
				for b.Loop() {
					if v, _ := run(ctx, op.fn, op.cancel); v != op.want {
						b.Fatalf("got %d, want %d", v, op.want)
					}
				}
			})
		})
	}
	b.Run("op=wait-for", func(b *testing.B) {
		waitFors := []impl[func() (int, error)]{
			{"reference", func() func() (int, error) {
				return func() (int, error) { return task.WaitFor(ctx, task.Go(ctx, answer), time.Second) }
			}},
			{"kata", func() func() (int, error) {
				return func() (int, error) { return kata.WaitFor(ctx, kata.Go(ctx, answer), time.Second) }
			}},
		}
		run(b, waitFors, func(f func() (int, error)) { _, _ = f() }, func(b *testing.B, f func() (int, error)) {
			for b.Loop() {
				if v, err := f(); v != 42 || err != nil {
					b.Fatalf("got (%d, %v), want (42, <nil>)", v, err)
				}
			}
		})
	})
}
