package semaphoretest

import (
	"context"
	"testing/synctest"
)

// call is an AcquireN running in a goroutine of its own inside a synctest
// bubble. done is closed when AcquireN has returned; err is then its result.
type call struct {
	n      int
	done   chan struct{}
	err    error
	cancel context.CancelFunc
}

// startAcquire starts AcquireN(ctx, n) with a cancellable ctx and returns once
// the goroutine is blocked in it or has returned. It must run in a bubble.
func startAcquire(s Semaphore, n int) *call {
	ctx, cancel := context.WithCancel(context.Background())
	c := &call{n: n, done: make(chan struct{}), cancel: cancel}
	go func() {
		defer close(c.done)
		c.err = s.AcquireN(ctx, n)
	}()
	synctest.Wait()
	return c
}

// returned reports whether AcquireN has returned. Call it after synctest.Wait.
func (c *call) returned() bool {
	select {
	case <-c.done:
		return true
	default:
		return false
	}
}

// granted reports whether AcquireN has returned nil.
func (c *call) granted() bool { return c.returned() && c.err == nil }

// panics runs f and returns the value it panicked with, or nil.
func panics(f func()) (v any) {
	defer func() { v = recover() }()
	f()
	return nil
}
