package tasktest

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/conckata/conckata/internal/harness"
	"github.com/sourcegraph/conc/panics"
)

// Peers returns the task kata's peer: the task everyone writes by hand, a
// goroutine whose result is published by closing a channel, cancelled
// through context.WithCancel, with sourcegraph/conc's panics.Try to turn a
// panic into an error. It passes every property but one.
func Peers() []harness.Peer[Impl] {
	return []harness.Peer[Impl]{{
		Name: "conc-try",
		Impl: Impl{Go: GoConcTry, WaitFor: waitForConcTry, Panic: concPanic, ErrNotDone: errConcNotDone, ErrTimeout: errConcTimeout},
		Skip: map[string]string{
			"goexit-becomes-error": "conc's panics.Try catches panics only: a runtime.Goexit runs its deferred functions with recover() returning nil, so the task ends with a zero value and a nil error",
		},
	}}
}

var (
	errConcNotDone = errors.New("conc-try: not done")
	// errConcTimeout wraps context.DeadlineExceeded, the other way to make
	// the timeout match it.
	errConcTimeout = fmt.Errorf("conc-try: timed out: %w", context.DeadlineExceeded)
)

// concTask is a goroutine, a channel closed when it returns, and a cancel
// function; panics.Try catches a panic of fn.
type concTask struct {
	cancel context.CancelFunc
	done   chan struct{} // closed after value and err are written
	value  int
	err    error
}

// GoConcTry starts fn as a hand-written task whose panics are caught by
// sourcegraph/conc's panics.Try.
func GoConcTry(ctx context.Context, fn func(context.Context) (int, error)) Task {
	if fn == nil {
		panic("task: Go called with a nil function")
	}
	ctx, cancel := context.WithCancel(ctx)
	t := &concTask{cancel: cancel, done: make(chan struct{})}
	go func() {
		defer close(t.done)
		defer cancel()
		if r := panics.Try(func() { t.value, t.err = fn(ctx) }); r != nil {
			t.value, t.err = 0, r.AsError()
		}
	}()
	return t
}

// concPanic finds conc's *panics.ErrRecovered in err.
func concPanic(err error) (any, []byte, bool) {
	var r *panics.ErrRecovered
	if !errors.As(err, &r) {
		return nil, nil, false
	}
	return r.Value, r.Stack, true
}

func (t *concTask) Done() <-chan struct{} { return t.done }
func (t *concTask) Cancel()               { t.cancel() }

func (t *concTask) Cancelled() bool {
	_, err := t.Result()
	return err != errConcNotDone && errors.Is(err, context.Canceled)
}

func (t *concTask) Result() (int, error) {
	select {
	case <-t.done:
		return t.value, t.err
	default:
		return 0, errConcNotDone
	}
}

func (t *concTask) Wait(ctx context.Context) (int, error) {
	if v, err := t.Result(); err != errConcNotDone {
		return v, err
	}
	select {
	case <-t.done:
		return t.value, t.err
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

func waitForConcTry(ctx context.Context, task Task, timeout time.Duration) (int, error) {
	t := task.(*concTask)
	if v, err := t.Result(); err != errConcNotDone {
		return v, err
	}
	if timeout <= 0 {
		return t.timeOut()
	}
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	select {
	case <-t.done:
		return t.value, t.err
	case <-timer.C:
		return t.timeOut()
	case <-ctx.Done():
		t.cancel()
		<-t.done
		return 0, ctx.Err()
	}
}

// timeOut cancels the task, waits for it, and returns errConcTimeout if it
// honoured the cancellation, or else what it returned.
func (t *concTask) timeOut() (int, error) {
	t.cancel()
	<-t.done
	if errors.Is(t.err, context.Canceled) {
		return 0, errConcTimeout
	}
	return t.value, t.err
}
