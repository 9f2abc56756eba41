// Package task runs a function in its own goroutine as a Task that can be
// cancelled, waited for with a deadline, and asked for its result: the Go form
// of Python's asyncio.create_task, Task.cancel and asyncio.wait_for.
//
// Cancellation is a request, as in asyncio: Cancel cancels the context the
// function was given, and the function decides when to stop. A function that
// ignores the request runs to its end, and its result stands.
//
// This is the kata: make `go run ./cmd/kata test task` pass.
// The properties are explained in docs/katas/task.md.
package task

import (
	"context"
	"errors"
	"time"
)

// ErrNotDone is returned by Result while the task is still running.
var ErrNotDone = errors.New("task: not done")

// ErrTimeout is returned by WaitFor when the timeout expires first. It
// matches both ErrTimeout and context.DeadlineExceeded under errors.Is, so
// code that checks for either keeps working.
var ErrTimeout error = timeoutError{}

// timeoutError is the type of ErrTimeout.
type timeoutError struct{}

func (timeoutError) Error() string { return "task: timed out" }

// Is reports whether ErrTimeout also matches target.
func (timeoutError) Is(target error) bool {
	panic("task: timeoutError.Is is not written yet (docs/katas/task.md)")
}

// A PanicError is the error of a task whose function panicked: the panic is
// recovered in the task's goroutine, so that it never takes the process
// down, and kept here with the stack of the goroutine that panicked. A
// function that calls runtime.Goexit ends with a PanicError too.
type PanicError struct {
	Value any    // the value passed to panic
	Stack []byte // the stack of the panicking goroutine, as debug.Stack prints it
}

// Error returns the panic value and the stack.
func (e *PanicError) Error() string {
	panic("task: PanicError.Error is not written yet (docs/katas/task.md)")
}

// Unwrap returns the panic value if it is an error, so that errors.Is and
// errors.As see through a panic(err).
func (e *PanicError) Unwrap() error {
	panic("task: PanicError.Unwrap is not written yet (docs/katas/task.md)")
}

// A Task is a function running in its own goroutine, started by Go. Tasks
// are made only by Go: the zero Task is not usable.
//
// All methods are safe for concurrent use. The return of the function
// "happens before" the close of Done, and so before every Result or Wait
// that reports its outcome.
type Task[T any] struct {
	// Your fields here. State each invariant once, above the fields it guards.
}

// Go starts fn in a new goroutine with a context derived from ctx, and
// returns its Task at once. Cancelling ctx or calling Cancel cancels the
// context fn was given. A panic in fn is recovered and becomes a
// *PanicError. Go panics if fn is nil.
func Go[T any](ctx context.Context, fn func(context.Context) (T, error)) *Task[T] {
	panic("task: Go is not written yet (docs/katas/task.md)")
}

// Done returns a channel that is closed once the function has returned.
func (t *Task[T]) Done() <-chan struct{} {
	panic("task: Done is not written yet (docs/katas/task.md)")
}

// Cancel asks the function to stop by cancelling its context. It never
// blocks and never waits for the function. Once the task is done, Cancel
// does nothing: the result stays what the function returned.
func (t *Task[T]) Cancel() {
	panic("task: Cancel is not written yet (docs/katas/task.md)")
}

// Cancelled reports whether the task is done and its error is
// context.Canceled (as errors.Is sees it). A function that ignored a Cancel
// and returned a value was not cancelled.
func (t *Task[T]) Cancelled() bool {
	panic("task: Cancelled is not written yet (docs/katas/task.md)")
}

// Result returns what the function returned, or the zero value and
// ErrNotDone while it is still running. It never blocks.
func (t *Task[T]) Result() (T, error) {
	panic("task: Result is not written yet (docs/katas/task.md)")
}

// Wait blocks until the function has returned and returns its result, or
// until ctx is done and returns the zero value and ctx.Err(). A done ctx
// leaves the task running: Wait never cancels it. A task that is already
// done returns its result even when ctx is done too.
func (t *Task[T]) Wait(ctx context.Context) (T, error) {
	panic("task: Wait is not written yet (docs/katas/task.md)")
}

// WaitFor waits up to timeout for t and returns its result.
//
// When the timeout expires first, WaitFor cancels t, waits until t has
// returned, and returns ErrTimeout (which also matches
// context.DeadlineExceeded). If t ignored the cancellation and returned a
// value with a nil error, or returned an error other than
// context.Canceled, that result is returned instead: a value is never lost.
// A timeout <= 0 returns t's result if t is done, and otherwise times out at
// once, as above.
//
// When ctx is done first, WaitFor cancels t, waits until t has returned, and
// returns the zero value and ctx.Err(); t's result stays in t.Result.
//
// WaitFor returns only after t has returned: it never leaves t running
// (bpo-32751).
func WaitFor[T any](ctx context.Context, t *Task[T], timeout time.Duration) (T, error) {
	panic("task: WaitFor is not written yet (docs/katas/task.md)")
}
