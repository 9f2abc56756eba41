// Package wait waits for some or all of a list of tasks, and tells which of
// them are done: the Go form of Python's asyncio.wait and its return_when.
package wait

import (
	"context"
	"fmt"
	"slices"
	"sync"

	"github.com/conckata/conckata/solutions/task"
)

// A Mode says when Wait returns: asyncio.wait's return_when.
type Mode int

const (
	// AllCompleted returns once every task is done.
	AllCompleted Mode = iota
	// FirstCompleted returns once any task is done.
	FirstCompleted
	// FirstError returns once any task is done with an error other than a
	// cancellation (task.Cancelled reports false for it), or once every
	// task is done when none has failed. A *task.PanicError is an error.
	FirstError
)

// Wait blocks until the tasks meet mode, or until ctx is done, and returns
// the tasks done at that moment and those still pending. done and pending
// partition tasks: each task of the list is in exactly one of them, and both
// keep the order of the list. A task listed twice is in the same one twice.
//
// Wait never cancels a task, and its error is not a task's: a task's error
// stays in the task, for its Result. When ctx is done first, Wait returns the
// split as it stands and ctx.Err(), and the tasks run on. If the tasks meet
// mode already when Wait is called, it returns them with a nil error even
// when ctx is done. An empty list returns at once, with no error.
//
// Wait panics, before any waiting, if mode is not one of the three modes or
// if a task is nil.
func Wait[T any](ctx context.Context, tasks []*task.Task[T], mode Mode) (done, pending []*task.Task[T], err error) {
	if mode < AllCompleted || mode > FirstError {
		panic(fmt.Sprintf("wait: invalid mode %d", int(mode)))
	}
	if i := slices.Index(tasks, nil); i >= 0 {
		panic(fmt.Sprintf("wait: nil task at index %d", i))
	}
	if len(tasks) == 0 {
		return nil, nil, nil
	}
	if mode == AllCompleted {
		err = waitAll(ctx, tasks)
	} else {
		err = waitAny(ctx, tasks, mode)
	}
	done, pending = split(tasks)
	return done, pending, err
}

// waitAll waits for the tasks one after the other: all must be done, so
// the order does not matter, and no goroutine is needed.
func waitAll[T any](ctx context.Context, tasks []*task.Task[T]) error {
	for _, t := range tasks {
		if isDone(t) {
			continue // a done ctx does not matter to a done task
		}
		select {
		case <-t.Done():
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return nil
}

// waitAny waits until one task ends the wait (any task for FirstCompleted,
// a failed one for FirstError) or all are done. A task's Done channel is
// the only way to learn of its end, so each pending task gets a watcher
// goroutine that reports it; the watchers are stopped and waited for before
// waitAny returns. (reflect.Select over the Done channels needs no
// goroutine, but costs O(len(tasks)) per wake-up: O(n²) for a FirstError
// wait that nothing fails.)
func waitAny[T any](ctx context.Context, tasks []*task.Task[T], mode Mode) error {
	if settled(tasks, mode) {
		return nil // no watcher needed, whatever ctx says
	}
	finished := make(chan *task.Task[T], len(tasks))
	stop := make(chan struct{})
	var watchers sync.WaitGroup
	defer watchers.Wait()
	defer close(stop)
	watching := 0
	for _, t := range tasks {
		if isDone(t) {
			if ends(t, mode) { // done since settled looked
				return nil
			}
			continue
		}
		watching++
		watchers.Go(func() {
			select {
			case <-t.Done():
				finished <- t
			case <-stop:
			}
		})
	}
	for ; watching > 0; watching-- {
		select {
		case t := <-finished:
			if ends(t, mode) {
				return nil
			}
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return nil
}

// settled reports whether the tasks meet mode now: one done task ends the
// wait, or every task is done.
func settled[T any](tasks []*task.Task[T], mode Mode) bool {
	all := true
	for _, t := range tasks {
		if !isDone(t) {
			all = false
		} else if ends(t, mode) {
			return true
		}
	}
	return all
}

// ends reports whether the done task t ends a wait in mode.
func ends[T any](t *task.Task[T], mode Mode) bool {
	if mode == FirstCompleted {
		return true
	}
	_, err := t.Result()
	return err != nil && !t.Cancelled()
}

func isDone[T any](t *task.Task[T]) bool {
	select {
	case <-t.Done():
		return true
	default:
		return false
	}
}

// split returns the tasks done now and those pending, each in list order,
// in one allocation: done fills buf from the front, pending from the back.
func split[T any](tasks []*task.Task[T]) (done, pending []*task.Task[T]) {
	buf := make([]*task.Task[T], len(tasks))
	d, p := 0, len(tasks)
	for _, t := range tasks {
		if isDone(t) {
			buf[d] = t
			d++
		} else {
			p--
			buf[p] = t
		}
	}
	slices.Reverse(buf[p:])
	return buf[:d:d], buf[d:]
}
