// Package task runs a function in its own goroutine as a Task that can be
// cancelled, waited for with a deadline, and asked for its result: the Go form
// of Python's asyncio.create_task, Task.cancel and asyncio.wait_for.
//
// Cancellation is a request, as in asyncio: Cancel cancels the context the
// function was given, and the function decides when to stop. A function that
// ignores the request runs to its end, and its result stands.
package task

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
)

// ErrNotDone is returned by Result while the task is still running.
var ErrNotDone = errors.New("task: not done")

// ErrTimeout is returned by WaitFor when the timeout expires first. It
// matches both ErrTimeout and context.DeadlineExceeded under errors.Is, so
// code that checks for either keeps working.
var ErrTimeout error = timeoutError{}

type timeoutError struct{}

func (timeoutError) Error() string        { return "task: timed out" }
func (timeoutError) Is(target error) bool { return target == context.DeadlineExceeded }
func (timeoutError) Timeout() bool        { return true }

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
	return fmt.Sprintf("task: panic: %v\n\n%s", e.Value, e.Stack)
}

// Unwrap returns the panic value if it is an error, so that errors.Is and
// errors.As see through a panic(err).
func (e *PanicError) Unwrap() error {
	err, _ := e.Value.(error)
	return err
}

// goexitValue is the Value of the PanicError of a function that called
// runtime.Goexit (t.FailNow in a test, say) instead of returning.
const goexitValue = "task: the function called runtime.Goexit instead of returning"

// A Task is a function running in its own goroutine, started by Go. Tasks
// are made only by Go: the zero Task is not usable.
//
// All methods are safe for concurrent use. The return of the function
// "happens before" the close of Done, and so before every Result or Wait
// that reports its outcome.
type Task[T any] struct {
	cancel context.CancelFunc // cancels the function's context; called at the end too
	done   chan struct{}      // closed once value and err are final

	// value and err are written once, by the task's goroutine, before done is
	// closed, and only read after it is closed.
	value T
	err   error
}

// Go starts fn in a new goroutine with a context derived from ctx, and
// returns its Task at once. Cancelling ctx or calling Cancel cancels the
// context fn was given. A panic in fn is recovered and becomes a
// *PanicError. Go panics if fn is nil.
func Go[T any](ctx context.Context, fn func(context.Context) (T, error)) *Task[T] {
	if fn == nil {
		panic("task: Go called with a nil function")
	}
	fctx, cancel := context.WithCancel(ctx)
	t := &Task[T]{cancel: cancel, done: make(chan struct{})}
	go t.run(fctx, fn)
	return t
}

// run calls fn and publishes its outcome. A panic and a runtime.Goexit both
// skip the assignment and reach the deferred function with returned false;
// recover tells them apart (it returns nil for Goexit, and Goexit cannot be
// stopped, only recorded). x/sync/singleflight's doCall does the same.
func (t *Task[T]) run(ctx context.Context, fn func(context.Context) (T, error)) {
	returned := false
	defer func() {
		if !returned {
			r := recover()
			if r == nil {
				r = goexitValue
			}
			t.err = &PanicError{Value: r, Stack: debug.Stack()}
		}
		t.cancel() // release the context's resources once fn has returned
		close(t.done)
	}()
	t.value, t.err = fn(ctx)
	returned = true
}

// Done returns a channel that is closed once the function has returned.
func (t *Task[T]) Done() <-chan struct{} { return t.done }

// Cancel asks the function to stop by cancelling its context. It never
// blocks and never waits for the function. Once the task is done, Cancel
// does nothing: the result stays what the function returned.
func (t *Task[T]) Cancel() { t.cancel() }

// Cancelled reports whether the task is done and its error is
// context.Canceled (as errors.Is sees it). A function that ignored a Cancel
// and returned a value was not cancelled.
func (t *Task[T]) Cancelled() bool {
	select {
	case <-t.done:
		return errors.Is(t.err, context.Canceled)
	default:
		return false
	}
}

// Result returns what the function returned, or the zero value and
// ErrNotDone while it is still running. It never blocks.
func (t *Task[T]) Result() (T, error) {
	select {
	case <-t.done:
		return t.value, t.err
	default:
		var zero T
		return zero, ErrNotDone
	}
}

// Wait blocks until the function has returned and returns its result, or
// until ctx is done and returns the zero value and ctx.Err(). A done ctx
// leaves the task running: Wait never cancels it. A task that is already
// done returns its result even when ctx is done too.
func (t *Task[T]) Wait(ctx context.Context) (T, error) {
	done := ctx.Done()
	if done == nil { // context.Background and the like: a plain receive beats a select
		<-t.done
		return t.value, t.err
	}
	select {
	case <-t.done:
		return t.value, t.err
	default:
	}
	select {
	case <-t.done:
		return t.value, t.err
	case <-done:
		var zero T
		return zero, ctx.Err()
	}
}
