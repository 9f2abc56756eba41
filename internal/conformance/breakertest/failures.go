package breakertest

// The closed breaker: what counts as a failure, how many open it, and the
// defaults of the zero Settings.

import (
	"errors"
	"testing"
	"testing/synctest"
	"time"
)

func consecutiveFailuresOpen(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		p := newProbe(t, impl, Settings{FailureThreshold: 3, OpenTimeout: 10 * time.Second})
		defer p.end()
		p.pass(fail)
		p.pass(fail)
		p.pass(succeed) // the count starts again
		p.pass(fail)
		p.pass(fail)
		p.state(Closed)
		p.pass(fail)
		p.state(Open)
		p.reject(impl.ErrOpen)
		p.sleep(10*time.Second - time.Nanosecond)
		p.reject(impl.ErrOpen)
	})
}

func isFailureDecides(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		// The default: the caller's cancellation is no failure of the
		// service, and no success either (it does not reset the count);
		// a deadline is a failure.
		p := newProbe(t, impl, Settings{FailureThreshold: 3})
		defer p.end()
		p.pass(fail)
		p.pass(cancel)
		p.pass(fail)
		p.state(Closed)
		p.pass(succeed)
		p.pass(fail)
		p.pass(cancel)
		p.pass(expire)
		p.state(Closed)
		p.pass(fail)
		p.state(Open)

		// An IsFailure of the caller's own.
		onlyDown := func(err error) bool { return errors.Is(err, errDown) }
		q := newProbe(t, impl, Settings{FailureThreshold: 2, OpenTimeout: 10 * time.Second, IsFailure: onlyDown})
		defer q.end()
		q.pass(fail)
		q.pass(expire) // no failure for this IsFailure: a success
		q.pass(fail)
		q.state(Closed)
		q.pass(fail)
		q.state(Open)
		q.sleep(10 * time.Second)
		q.pass(expire) // a trial that is no failure succeeds
		q.state(Closed)
	})
}

func zeroSettingsMeanDefaults(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		p := newProbe(t, impl, Settings{})
		defer p.end()
		for range 4 {
			p.pass(fail)
		}
		p.state(Closed)
		p.pass(fail)
		p.state(Open)
		p.sleep(60*time.Second - time.Nanosecond)
		p.reject(impl.ErrOpen)
		p.sleep(time.Nanosecond)
		trial := p.hold()
		p.reject(impl.ErrTooManyRequests)
		p.finish(trial, succeed)
		p.state(Closed)
	})
}
