package eventtest

import (
	"context"
	"testing/synctest"
)

// waiter is a Wait running in a goroutine of its own inside a synctest
// bubble. done is closed when Wait has returned; err is then its result.
type waiter struct {
	done   chan struct{}
	err    error
	cancel context.CancelFunc
}

// startWait starts Wait with a cancellable ctx and returns once the goroutine
// is blocked in it or has returned. It must run in a bubble.
func startWait(e Event) *waiter {
	ctx, cancel := context.WithCancel(context.Background())
	return startWaitCtx(e, ctx, cancel)
}

// startWaitDone starts Wait with a ctx cancelled before the call.
func startWaitDone(e Event) *waiter {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	return startWaitCtx(e, ctx, cancel)
}

func startWaitCtx(e Event, ctx context.Context, cancel context.CancelFunc) *waiter {
	w := &waiter{done: make(chan struct{}), cancel: cancel}
	go func() {
		defer close(w.done)
		w.err = e.Wait(ctx)
	}()
	synctest.Wait()
	return w
}

// returned reports whether Wait has returned. Call it after synctest.Wait.
func (w *waiter) returned() bool {
	select {
	case <-w.done:
		return true
	default:
		return false
	}
}

// released reports whether Wait has returned nil.
func (w *waiter) released() bool { return w.returned() && w.err == nil }

// release ends every wait of ws, so that a property that failed still ends
// its bubble cleanly and its own message is the one reported: it cancels
// them, sets e for an Event that ignores ctx, and waits for the goroutines.
func release(e Event, ws ...*waiter) {
	for _, w := range ws {
		w.cancel()
	}
	e.Set()
	synctest.Wait()
}
