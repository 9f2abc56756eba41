package tasktest

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"sync"
	"time"
)

// bugs switches on known bugs in plain.
type bugs struct {
	waitForReturnsEarly, cancelChangesResult, panicEscapes, waitCancels bool
}

var (
	errPlainNotDone = errors.New("plain: not done")
	errPlainTimeout = fmt.Errorf("plain: timed out: %w", context.DeadlineExceeded)
)

func mutant(b bugs) Impl {
	return Impl{
		Go: func(ctx context.Context, fn func(context.Context) (int, error)) Task { return goPlain(b, ctx, fn) },
		WaitFor: func(ctx context.Context, t Task, timeout time.Duration) (int, error) {
			return t.(*plain).waitFor(ctx, timeout)
		},
		Panic: func(err error) (any, []byte, bool) {
			var p *plainPanic
			if errors.As(err, &p) {
				return p.value, p.stack, true
			}
			return nil, nil, false
		},
		ErrNotDone: errPlainNotDone,
		ErrTimeout: errPlainTimeout,
	}
}

// plainPanic is plain's PanicError.
type plainPanic struct {
	value any
	stack []byte
}

func (p *plainPanic) Error() string { return fmt.Sprintf("plain: panic: %v", p.value) }
func (p *plainPanic) Unwrap() error { err, _ := p.value.(error); return err }

// plain is the simplest correct task, a mutex over the outcome and a flag
// for whether it is final, into which the bugs are switched.
type plain struct {
	bugs
	cancel context.CancelFunc
	done   chan struct{} // closed once finished is true

	mu        sync.Mutex // protects the fields below
	finished  bool
	requested bool // Cancel was called
	value     int
	err       error
}

func goPlain(b bugs, ctx context.Context, fn func(context.Context) (int, error)) *plain {
	if fn == nil {
		panic("task: Go called with a nil function")
	}
	ctx, cancel := context.WithCancel(ctx)
	p := &plain{bugs: b, cancel: cancel, done: make(chan struct{})}
	go p.run(ctx, fn)
	return p
}

func (p *plain) run(ctx context.Context, fn func(context.Context) (int, error)) {
	v, err := 0, error(nil)
	panicking := true // until fn returns; still true after a panic or a runtime.Goexit
	defer func() {
		if panicking && !p.panicEscapes {
			v, err = 0, &plainPanic{value: recover(), stack: debug.Stack()}
		}
		p.mu.Lock()
		p.finished, p.value, p.err = true, v, err
		p.mu.Unlock()
		p.cancel()
		close(p.done)
	}()
	v, err = fn(ctx)
	panicking = false
}

func (p *plain) Done() <-chan struct{} { return p.done }

func (p *plain) Cancel() {
	p.mu.Lock()
	p.requested = true
	p.mu.Unlock()
	p.cancel()
}

func (p *plain) outcome() (v int, err error, finished bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.cancelChangesResult && p.requested && p.finished {
		return 0, context.Canceled, true
	}
	return p.value, p.err, p.finished
}

func (p *plain) Result() (int, error) {
	v, err, finished := p.outcome()
	if !finished {
		return 0, errPlainNotDone
	}
	return v, err
}

func (p *plain) Cancelled() bool {
	_, err, finished := p.outcome()
	return finished && errors.Is(err, context.Canceled)
}

func (p *plain) Wait(ctx context.Context) (int, error) {
	if v, err, finished := p.outcome(); finished {
		return v, err
	}
	select {
	case <-p.done:
		return p.Result()
	case <-ctx.Done():
		if p.waitCancels {
			p.Cancel()
		}
		return 0, ctx.Err()
	}
}

func (p *plain) waitFor(ctx context.Context, timeout time.Duration) (int, error) {
	if v, err, finished := p.outcome(); finished {
		return v, err
	}
	if timeout <= 0 {
		return p.timeOut()
	}
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	select {
	case <-p.done:
		return p.Result()
	case <-timer.C:
		return p.timeOut()
	case <-ctx.Done():
		p.Cancel()
		<-p.done
		return 0, ctx.Err()
	}
}

// timeOut cancels the task and, unless the bug says otherwise, waits for it.
func (p *plain) timeOut() (int, error) {
	p.Cancel()
	if p.waitForReturnsEarly {
		return 0, errPlainTimeout
	}
	<-p.done
	if v, err := p.Result(); !errors.Is(err, context.Canceled) {
		return v, err
	}
	return 0, errPlainTimeout
}
