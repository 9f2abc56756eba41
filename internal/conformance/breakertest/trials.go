package breakertest

// The half-open breaker: when it starts, how many trial calls it lets
// through at once, and what their results do.

import (
	"testing"
	"testing/synctest"
	"time"
)

// opened returns a probe whose breaker, with settings s, one failure has
// opened.
func opened(t *testing.T, impl Impl, s Settings) *probe {
	s.FailureThreshold = 1
	p := newProbe(t, impl, s)
	p.pass(fail)
	return p
}

const timeout = 10 * time.Second // the OpenTimeout of most properties

func halfOpenAfterTimeout(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		p := opened(t, impl, Settings{OpenTimeout: timeout})
		defer p.end()
		p.state(Open)
		p.sleep(timeout - time.Nanosecond)
		p.reject(impl.ErrOpen)
		p.state(Open)
		p.sleep(time.Nanosecond)
		p.pass(succeed) // Do looks first: the trial call
		p.state(Closed)

		q := opened(t, impl, Settings{OpenTimeout: timeout})
		defer q.end()
		q.sleep(timeout)
		q.state(HalfOpen) // State looks first
		q.finish(q.hold(), succeed)
		q.state(Closed)
	})
}

func halfOpenLimitsTrials(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		p := opened(t, impl, Settings{OpenTimeout: timeout, HalfOpenMax: 3})
		defer p.end()
		p.sleep(timeout)
		for range 3 {
			p.hold()
		}
		p.reject(impl.ErrTooManyRequests)
		p.state(HalfOpen)
		p.sleep(3 * timeout) // time alone frees no slot
		p.reject(impl.ErrTooManyRequests)
	})
}

func halfOpenFreesFinishedSlots(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		p := opened(t, impl, Settings{OpenTimeout: timeout, HalfOpenMax: 2})
		defer p.end()
		p.sleep(timeout)
		a, b := p.hold(), p.hold()
		p.reject(impl.ErrTooManyRequests)
		p.finish(a, succeed)
		p.state(HalfOpen)
		c := p.hold() // in the slot a freed
		p.reject(impl.ErrTooManyRequests)
		p.finish(b, succeed)
		p.state(Closed)
		p.finish(c, succeed)
		p.state(Closed)
	})
}

func halfOpenSuccessesClose(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		p := newProbe(t, impl, Settings{FailureThreshold: 2, OpenTimeout: timeout, HalfOpenMax: 3})
		defer p.end()
		p.pass(fail)
		p.pass(fail)
		p.sleep(timeout)
		p.pass(succeed)
		p.state(HalfOpen)
		p.pass(cancel) // no failure, and no success: it only frees its slot
		p.state(HalfOpen)
		p.pass(succeed)
		p.state(HalfOpen)
		p.pass(succeed)
		p.state(Closed)
		p.pass(fail) // closed again, the count starts from zero
		p.state(Closed)
		p.pass(fail)
		p.state(Open)

		p.sleep(timeout)
		a, b, c := p.hold(), p.hold(), p.hold()
		p.finish(b, succeed)
		p.finish(a, succeed)
		p.state(HalfOpen)
		p.finish(c, succeed)
		p.state(Closed)
	})
}

func halfOpenFailureReopens(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		p := opened(t, impl, Settings{OpenTimeout: timeout, HalfOpenMax: 3})
		defer p.end()
		p.sleep(timeout)
		p.pass(succeed)
		p.pass(succeed)
		p.pass(fail) // after two successes of three
		p.state(Open)
		p.reject(impl.ErrOpen)

		p.sleep(timeout)
		a, b := p.hold(), p.hold()
		p.finish(a, expire)
		p.state(Open)
		p.reject(impl.ErrOpen)
		p.finish(b, succeed) // too late: b's generation is over
		p.state(Open)
	})
}

func reopenRestartsTimer(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		p := opened(t, impl, Settings{OpenTimeout: timeout})
		defer p.end()
		p.sleep(timeout + timeout/2)
		p.pass(fail) // the trial call fails: open again, from now
		p.state(Open)
		p.sleep(timeout - time.Nanosecond)
		p.reject(impl.ErrOpen)
		p.state(Open)
		p.sleep(time.Nanosecond)
		p.state(HalfOpen)
	})
}
