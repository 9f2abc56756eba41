// Package wait waits for some or all of a list of tasks, and tells which of
// them are done: the Go form of Python's asyncio.wait and its return_when.
//
// This is the kata: make `go run ./cmd/kata test wait` pass.
// The properties are explained in docs/katas/wait.md.
package wait

import (
	"context"

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
	panic("wait: Wait is not written yet (docs/katas/wait.md)")
}
