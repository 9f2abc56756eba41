package breakertest

// The generation rule: a result counts only in the state its call started
// in. Each case holds a call in fn while other calls change the state, then
// lets it return.

import (
	"testing"
	"testing/synctest"
)

func staleResultsIgnored(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		// A slow success from before the breaker opened cannot close it,
		// nor free the slot of the trial call running.
		p := newProbe(t, impl, Settings{FailureThreshold: 1, OpenTimeout: timeout})
		defer p.end()
		old := p.hold()
		p.pass(fail)
		p.sleep(timeout)
		trial := p.hold()
		p.finish(old, succeed)
		p.state(HalfOpen)
		p.reject(impl.ErrTooManyRequests)
		p.finish(trial, succeed)
		p.state(Closed)

		// A slow failure from before cannot re-open a half-open breaker...
		q := newProbe(t, impl, Settings{FailureThreshold: 1, OpenTimeout: timeout})
		defer q.end()
		old = q.hold()
		q.pass(fail)
		q.sleep(timeout)
		trial = q.hold()
		q.finish(old, fail)
		q.state(HalfOpen)
		q.finish(trial, succeed)
		q.state(Closed)

		// ...nor count, or crash, against the breaker closed since.
		r := newProbe(t, impl, Settings{FailureThreshold: 1, OpenTimeout: timeout})
		defer r.end()
		old, crashing := r.hold(), r.hold()
		r.pass(fail)
		r.sleep(timeout)
		r.pass(succeed)
		r.finish(old, fail)
		r.state(Closed)
		r.finish(crashing, crash)
		r.state(Closed)

		// A trial call of an earlier half-open spell counts no more.
		s := newProbe(t, impl, Settings{FailureThreshold: 1, OpenTimeout: timeout, HalfOpenMax: 2})
		defer s.end()
		s.pass(fail)
		s.sleep(timeout)
		a, b := s.hold(), s.hold()
		s.finish(a, fail)
		s.sleep(timeout)
		c := s.hold()
		s.finish(b, succeed)
		s.finish(c, succeed)
		s.state(HalfOpen)
	})
}
