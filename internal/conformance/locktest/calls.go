package locktest

import (
	"context"
	"slices"
	"testing/synctest"
)

// call is a Lock running in a goroutine of its own inside a synctest bubble.
// done is closed when Lock has returned; err is then its result.
type call struct {
	done   chan struct{}
	err    error
	cancel context.CancelFunc
}

// startLock starts Lock with a cancellable ctx and returns once the goroutine
// is blocked in it or has returned. It must run in a bubble.
func startLock(m Mutex) *call {
	ctx, cancel := context.WithCancel(context.Background())
	c := &call{done: make(chan struct{}), cancel: cancel}
	go func() {
		defer close(c.done)
		c.err = m.Lock(ctx)
	}()
	synctest.Wait()
	return c
}

// returned reports whether Lock has returned. Call it after synctest.Wait.
func (c *call) returned() bool {
	select {
	case <-c.done:
		return true
	default:
		return false
	}
}

// granted reports whether Lock has returned nil: the caller took the lock.
func (c *call) granted() bool { return c.returned() && c.err == nil }

func waiting(c *call) bool { return !c.returned() }

// result says what became of the call, for failure messages.
func (c *call) result() string {
	switch {
	case !c.returned():
		return "Lock still waits"
	case c.err == nil:
		return "Lock returned nil"
	default:
		return "Lock returned " + c.err.Error()
	}
}

// finish makes every call return so that the bubble can end, even on a
// broken mutex: it cancels them all, then unlocks once for each call that
// still waits (one that ignores its ctx is handed the lock instead).
func finish(m Mutex, calls ...*call) {
	for _, c := range calls {
		c.cancel()
	}
	synctest.Wait()
	for range calls {
		if !slices.ContainsFunc(calls, waiting) {
			return
		}
		panics(m.Unlock)
		synctest.Wait()
	}
}

// panics runs f and returns the value it panicked with, or nil.
func panics(f func()) (v any) {
	defer func() { v = recover() }()
	f()
	return nil
}
