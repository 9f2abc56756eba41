// Package bubble has what the conformance suites need to drive blocking calls
// inside testing/synctest bubbles: start a call in a goroutine of its own,
// cancel it, and see, once the bubble is idle, whether and how it returned.
package bubble

import (
	"context"
	"fmt"
	"testing/synctest"
)

// A Call is a blocking call running in a goroutine of its own inside a
// synctest bubble, with a ctx that only Cancel cancels.
type Call struct {
	name   string             // what was called, for failure messages
	logged logged             // where its start is in the log, for kata explain
	done   chan struct{}      // closed when the call has returned
	err    error              // the call's result, once done is closed
	cancel context.CancelFunc // cancels the call's ctx
}

// Start runs f with a cancellable ctx in a new goroutine and returns once the
// bubble is idle: f is then blocked or has returned. name says what f calls
// ("Lock", "AcquireN(2)") in Result. Start must run inside a bubble.
func Start(name string, f func(ctx context.Context) error) *Call {
	return StartWith(context.Background(), name, f)
}

// StartWith is Start with a ctx derived from parent, so that parent's
// deadline, or its cancellation before the call, applies too.
func StartWith(parent context.Context, name string, f func(ctx context.Context) error) *Call {
	ctx, cancel := context.WithCancel(parent)
	c := &Call{name: name, done: make(chan struct{}), cancel: cancel, logged: logStart(name)}
	go func() {
		defer close(c.done)
		c.err = f(ctx)
		c.logged.logReturn(c.err)
	}()
	synctest.Wait()
	return c
}

// Cancel cancels the call's ctx. It does not wait: call synctest.Wait.
func (c *Call) Cancel() {
	c.logged.logCancel(c.name)
	c.cancel()
}

// Returned reports whether the call has returned. Call it when the bubble is
// idle (after synctest.Wait), or the answer may be stale.
func (c *Call) Returned() bool {
	select {
	case <-c.done:
		return true
	default:
		return false
	}
}

// Succeeded reports whether the call has returned nil.
func (c *Call) Succeeded() bool { return c.Returned() && c.err == nil }

// Waiting reports whether the call has not returned yet.
func (c *Call) Waiting() bool { return !c.Returned() }

// Err returns the call's result; nil while it has not returned.
func (c *Call) Err() error {
	if !c.Returned() {
		return nil
	}
	return c.err
}

// Result says what became of the call, for failure messages: "Lock still
// waits", "Lock returned nil", "Lock returned context canceled".
func (c *Call) Result() string {
	if !c.Returned() {
		return c.name + " still waits"
	}
	return fmt.Sprintf("%s returned %v", c.name, c.err)
}

// Panics runs f and returns the value it panicked with, or nil if it did not.
func Panics(f func()) (v any) {
	defer func() { v = recover() }()
	f()
	return nil
}
