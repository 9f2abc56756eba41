package breakertest

// A panic in fn: it reaches Do's caller, and counts as a failure.

import (
	"testing"
	"testing/synctest"
)

func panicCountsAsFailure(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		p := newProbe(t, impl, Settings{FailureThreshold: 2, OpenTimeout: timeout})
		defer p.end()
		p.pass(crash)
		p.state(Closed)
		p.pass(crash)
		p.state(Open)
		p.sleep(timeout)
		p.pass(crash) // a trial call
		p.state(Open)
		p.sleep(timeout)
		p.finish(p.hold(), crash) // a trial call panicking in its own goroutine
		p.state(Open)
		p.sleep(timeout)
		p.pass(succeed)
		p.state(Closed)
	})
}

func panicIgnoresIsFailure(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		never := func(error) bool { return false }
		p := newProbe(t, impl, Settings{FailureThreshold: 1, OpenTimeout: timeout, IsFailure: never})
		defer p.end()
		p.pass(fail) // no failure for this IsFailure
		p.state(Closed)
		p.pass(crash)
		p.state(Open)
	})
}
