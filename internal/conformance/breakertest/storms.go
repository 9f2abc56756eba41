package breakertest

import (
	"context"
	"errors"
	"math/rand/v2"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/conckata/conckata/internal/storm"
)

// stormGoroutines call Do at once in each storm.
const stormGoroutines = 8

// stormKeepsTrialSlots runs rounds in which many goroutines reach a
// half-open breaker at once, then a free-for-all, on real goroutines: the
// race detector watches the breaker's memory, and the counts its slots.
func stormKeepsTrialSlots(t *testing.T, impl Impl) {
	ctx, cancel := storm.Context(t)
	defer cancel()
	for round := range 30 {
		admitRound(t, ctx, impl, 1+round%3, round%2 == 1)
	}
	freeForAll(t, impl)
}

// admitRound opens a breaker of HalfOpenMax max whose OpenTimeout is a
// microsecond, and has stormGoroutines goroutines call Do at once, each
// trying again while it gets ErrOpen. Exactly max must get in, and the
// others ErrTooManyRequests. Then the trial calls return, one of them a
// failure if failOne, and the state must follow.
func admitRound(t *testing.T, ctx context.Context, impl Impl, max int, failOne bool) {
	t.Helper()
	b := impl.New(Settings{FailureThreshold: 1, OpenTimeout: time.Microsecond, HalfOpenMax: max})
	if r := do(ctx, b, fail); !r.passedOn(fail) {
		t.Fatalf("on a new breaker, Do(fn that fails) %v; want %s", r, wantPassedOn(fail))
	}
	admitted := make(chan struct{}, stormGoroutines)
	rejected := make(chan error, stormGoroutines)
	release := make(chan struct{})
	var failing atomic.Bool
	failing.Store(failOne)
	var wg sync.WaitGroup
	for range stormGoroutines {
		wg.Go(func() {
			for ctx.Err() == nil {
				called := false
				err := b.Do(ctx, func(ctx context.Context) error {
					called = true
					admitted <- struct{}{}
					select {
					case <-release:
					case <-ctx.Done():
						return ctx.Err()
					}
					if failing.CompareAndSwap(true, false) {
						return errDown
					}
					return nil
				})
				switch {
				case called:
					return
				case errors.Is(err, impl.ErrOpen):
					runtime.Gosched() // the microsecond has not passed yet
				default:
					rejected <- err
					return
				}
			}
		})
	}
	in, bad := countAdmitted(t, ctx, impl, admitted, rejected)
	close(release)
	if !storm.Wait(&wg) {
		t.Fatalf("the storm did not finish within %v: a trial call let go never returned from Do", storm.Timeout)
	}
	if bad != nil {
		t.Fatalf("%d goroutines called Do at once on a half-open breaker of HalfOpenMax %d: Do returned %v to a call it did not let through, want ErrTooManyRequests", stormGoroutines, max, bad)
	}
	if in != max {
		t.Fatalf("%d goroutines called Do at once on a half-open breaker of HalfOpenMax %d: %d trial calls were let through, want exactly %d", stormGoroutines, max, in, max)
	}
	if got := b.State(); (got == Closed) == failOne {
		t.Fatalf("%d trial calls of HalfOpenMax %d returned, %s: State() = %v", max, max, map[bool]string{true: "one of them a failure, want open or half-open", false: "all successes, want closed"}[failOne], got)
	}
}

// countAdmitted waits until every goroutine of a round is in fn or has
// been refused, and returns how many are in fn and the first refusal that
// was not ErrTooManyRequests.
func countAdmitted(t *testing.T, ctx context.Context, impl Impl, admitted <-chan struct{}, rejected <-chan error) (in int, bad error) {
	t.Helper()
	for range stormGoroutines {
		select {
		case <-admitted:
			in++
		case err := <-rejected:
			if !errors.Is(err, impl.ErrTooManyRequests) && bad == nil {
				bad = err
			}
		case <-ctx.Done():
			t.Fatalf("the storm did not finish within %v: of %d goroutines calling Do on a breaker opened with an OpenTimeout of 1µs, %d were let through and the others never got an answer but ErrOpen", storm.Timeout, stormGoroutines, in)
		}
	}
	return in, bad
}

// freeForAll has stormGoroutines goroutines make calls that succeed, fail,
// return context.Canceled or panic, at random, on one breaker. Every Do must
// pass on fn's result or refuse the call. Then, with no call running, a few
// successful calls must close the breaker: a trial slot lost (to a panic, a
// stale result or a race) would make it refuse them for ever.
func freeForAll(t *testing.T, impl Impl) {
	b := impl.New(Settings{FailureThreshold: 2, OpenTimeout: time.Microsecond, HalfOpenMax: 2})
	storm.Run(t, stormGoroutines, 4, "a Do never returned", func(ctx context.Context, g int, r *rand.Rand) {
		for range 150 {
			o := []outcome{succeed, succeed, succeed, succeed, fail, fail, cancel, crash}[r.IntN(8)]
			res := stormDo(ctx, b, o)
			if !res.passedOn(o) && !res.rejected(impl.ErrOpen) && !res.rejected(impl.ErrTooManyRequests) {
				t.Errorf("in the storm, Do(fn that %v) %v; want %s, or ErrOpen or ErrTooManyRequests without calling fn", o, res, wantPassedOn(o))
				return
			}
		}
	})
	if t.Failed() {
		return
	}
	ctx, cancel := storm.Context(t)
	defer cancel()
	var last result
	for b.State() != Closed {
		if ctx.Err() != nil {
			t.Fatalf("after the storm, with no call running, successful calls did not close the breaker within %v: State() = %v, the last Do %v", storm.Timeout, b.State(), last)
		}
		if last = stormDo(ctx, b, succeed); last.rejected(impl.ErrTooManyRequests) {
			t.Fatalf("after the storm, with no call running, Do(fn that succeeds) %v (ErrTooManyRequests); want a trial call let through: a trial slot was lost (State() = %v)", last, b.State())
		}
	}
}

// stormDo is do with a fn that yields before it returns, so that calls
// overlap.
func stormDo(ctx context.Context, b Breaker, o outcome) (r result) {
	defer func() { r.panicked = recover() }()
	r.err = b.Do(ctx, func(context.Context) error {
		r.calls++
		runtime.Gosched()
		return o.run()
	})
	return r
}
