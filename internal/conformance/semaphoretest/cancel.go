package semaphoretest

import (
	"context"
	"errors"
	"testing"
	"testing/synctest"
	"time"
)

func cancelLeavesCountUnchanged(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		s := impl.New(1)
		s.TryAcquire()
		c := startAcquire(s, 1)
		c.Cancel()
		synctest.Wait()
		if !c.Returned() {
			t.Fatalf("Acquire did not return after its ctx was cancelled")
		}
		if !errors.Is(c.Err(), context.Canceled) {
			t.Errorf("Acquire with a cancelled ctx returned %v, want context.Canceled", c.Err())
		}
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		if err := s.Acquire(ctx); !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("Acquire with a ctx that expired while waiting returned %v, want context.DeadlineExceeded", err)
		}
		if got := s.Available(); got != 0 {
			t.Errorf("Available() = %d after two failed waits with the one permit held, want 0", got)
		}
		s.Release()
		if got := s.Available(); got != 1 {
			t.Errorf("Available() = %d after the holder released, want 1 (a failed wait must not keep a permit)", got)
		}
	})
}

func cancelledHeadWakesNext(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		s := impl.New(2)
		s.TryAcquire()
		head := startAcquire(s, 2) // needs both permits: waits
		next := startAcquire(s, 1) // would fit, but waits behind the head
		head.Cancel()
		synctest.Wait()
		if !next.Succeeded() {
			t.Errorf("after the AcquireN(2) at the head was cancelled, the AcquireN(1) behind it still waits with a permit free (golang/go#37852)")
			next.Cancel()
			synctest.Wait()
		} else {
			s.Release()
		}
		s.Release()
	})
}

// cancelBeforeReleaseFails cancels waiters and then, before they have run,
// releases the permit that would serve the first of them. On one P the
// cancelled waiters cannot run until the test goroutine waits, so they are
// still queued when the Release looks at them.
func cancelBeforeReleaseFails(t *testing.T, impl Impl) {
	onOneP(t)
	synctest.Test(t, func(t *testing.T) {
		// CPython test_acquire_cancel_before_awoken: four waiters, the first
		// two cancelled, then one Release.
		s := impl.New(1)
		s.TryAcquire()
		ws := []*call{startAcquire(s, 1), startAcquire(s, 1), startAcquire(s, 1), startAcquire(s, 1)}
		defer abandon(ws...)
		ws[0].Cancel()
		ws[1].Cancel()
		s.Release()
		synctest.Wait()
		for i, c := range ws[:2] {
			if !errors.Is(c.Err(), context.Canceled) {
				t.Fatalf("four AcquireN(1) waited on a full New(1); waiters 0 and 1 were cancelled, then one Release(): waiter %d: %s, want context.Canceled: its ctx was done before the Release, so the permit is not its own (CPython test_acquire_cancel_before_awoken)", i, c.Result())
			}
		}
		if !ws[2].Succeeded() || ws[3].Returned() {
			t.Fatalf("four AcquireN(1) waited on a full New(1); waiters 0 and 1 were cancelled, then one Release(): waiter 2: %s, waiter 3: %s; want waiter 2 granted and waiter 3 still waiting (CPython test_acquire_cancel_before_awoken)", ws[2].Result(), ws[3].Result())
		}
		ws[3].Cancel()
		synctest.Wait()
		s.Release()

		// x/sync TestWeightedAcquireCanceled, in permits of one: a waiter
		// on a full New(2); cancel, then one Release(): it fails, and the
		// released permit stays free.
		s = impl.New(2)
		s.TryAcquire()
		s.TryAcquire()
		c := startAcquire(s, 1)
		defer abandon(c)
		c.Cancel()
		s.Release()
		synctest.Wait()
		if !errors.Is(c.Err(), context.Canceled) {
			t.Fatalf("an AcquireN(1) waited on a full New(2); it was cancelled, then Release(): %s, want context.Canceled (go.dev/issue/63615)", c.Result())
		}
		if got := s.Available(); got != 1 {
			t.Fatalf("Available() = %d after a cancelled AcquireN returned and one of two holders released, want 1 (go.dev/issue/63615)", got)
		}
	})
}

// grantCancelRaceKeepsPermits releases the permit a waiter waits for and
// cancels the waiter, either after the Release (before the waiter has run)
// or from another goroutine at the same time. The waiter's call is still in
// progress, so both outcomes are allowed: it holds the permit, or it returns
// ctx.Err() and the permit is back. A cancellation before the Release is
// cancel-before-release-fails.
func grantCancelRaceKeepsPermits(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		s := impl.New(1)
		// When the waiter runs, its select sees the grant and the
		// cancellation both ready; repeat so that each way of resolving it
		// is taken.
		for i := range 64 {
			s.TryAcquire()
			c := startAcquire(s, 1)
			did := "Release() then cancel"
			if i%2 == 0 {
				s.Release()
				c.Cancel()
			} else {
				did = "Release() and cancel at once"
				go c.Cancel()
				s.Release()
			}
			synctest.Wait()
			if !c.Returned() {
				t.Fatalf("round %d (%s): Acquire did not return after being both granted and cancelled", i, did)
			}
			if c.Err() == nil {
				s.Release()
			} else if !errors.Is(c.Err(), context.Canceled) {
				t.Fatalf("round %d (%s): Acquire returned %v, want nil or context.Canceled", i, did, c.Err())
			}
			if got := s.Available(); got != 1 {
				t.Fatalf("round %d (%s): Available() = %d after a grant raced a cancellation (Acquire returned %v), want 1: a permit was lost (golang/go#63615)", i, did, got, c.Err())
			}
		}
	})
}

func doneCtxFailsAtEntry(t *testing.T, impl Impl) {
	s := impl.New(2)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for range 16 { // a select on a ready channel and a done ctx picks at random
		if err := s.Acquire(ctx); !errors.Is(err, context.Canceled) {
			t.Fatalf("Acquire with a ctx cancelled before the call returned %v with permits free, want context.Canceled", err)
		}
		if err := s.AcquireN(ctx, 0); !errors.Is(err, context.Canceled) {
			t.Fatalf("AcquireN(ctx, 0) with a cancelled ctx returned %v, want context.Canceled", err)
		}
	}
	if got := s.Available(); got != 2 {
		t.Errorf("Available() = %d after failed acquires on New(2), want 2", got)
	}
}
