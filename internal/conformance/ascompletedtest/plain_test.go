package ascompletedtest

import (
	"context"
	"iter"

	"github.com/conckata/conckata/solutions/task"
)

// bugs switches on known bugs in plain.
type bugs struct {
	argumentOrder, leakOnBreak, timeoutWaits bool
}

func mutant(b bugs) Impl {
	return Impl{AsCompleted: func(ctx context.Context, fns ...Func) iter.Seq2[int, error] {
		for _, fn := range fns {
			if fn == nil {
				panic("ascompleted: nil function")
			}
		}
		return func(yield func(int, error) bool) { b.plain(ctx, fns, yield) }
	}}
}

// plain is the simplest correct AsCompleted, into which the bugs are
// switched: a task per function, and a goroutine per task that reports the
// task's end on a channel.
func (b bugs) plain(ctx context.Context, fns []Func, yield func(int, error) bool) {
	run, cancel := context.WithCancel(ctx)
	tasks := make([]*task.Task[int], len(fns))
	finished := make(chan *task.Task[int], len(fns))
	for i, fn := range fns {
		tasks[i] = task.Go(run, fn)
		go func() {
			<-tasks[i].Done()
			finished <- tasks[i]
		}()
	}
	stop := func() {
		cancel()
		for _, t := range tasks {
			<-t.Done()
		}
	}
	leak := false
	defer func() {
		if !leak {
			stop()
		}
	}()
	for i := range tasks {
		t := b.next(ctx, tasks[i], finished)
		if t == nil { // ctx is done
			if b.timeoutWaits {
				stop()
			}
			for range len(tasks) - i {
				if !yield(0, ctx.Err()) {
					return
				}
			}
			return
		}
		if !yield(t.Result()) {
			leak = b.leakOnBreak
			return
		}
	}
}

// next returns the next task to yield, or nil once ctx is done.
func (b bugs) next(ctx context.Context, inOrder *task.Task[int], finished <-chan *task.Task[int]) *task.Task[int] {
	if b.argumentOrder {
		select {
		case <-inOrder.Done():
			return inOrder
		case <-ctx.Done():
			return nil
		}
	}
	select {
	case t := <-finished:
		return t
	case <-ctx.Done():
		return nil
	}
}
