package task

import (
	"context"
	"errors"
	"time"
)

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
	select {
	case <-t.done:
		return t.value, t.err
	default:
	}
	if timeout <= 0 {
		return t.expire()
	}
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	select {
	case <-t.done:
		return t.value, t.err
	case <-timer.C:
		return t.expire()
	case <-ctx.Done():
		t.Cancel()
		<-t.done
		var zero T
		return zero, ctx.Err()
	}
}

// expire is WaitFor's timeout: cancel t, wait until it has returned, and
// report ErrTimeout unless t's own result says something else.
func (t *Task[T]) expire() (T, error) {
	t.Cancel()
	<-t.done // bpo-32751: never return while t still runs
	if t.err == nil || !errors.Is(t.err, context.Canceled) {
		return t.value, t.err
	}
	var zero T
	return zero, ErrTimeout
}
