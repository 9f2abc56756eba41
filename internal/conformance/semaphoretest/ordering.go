package semaphoretest

import (
	"context"
	"errors"
	"slices"
	"testing"
	"testing/synctest"
	"time"

	"github.com/conckata/conckata/internal/bubble"
)

func fifoGrantOrder(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		s := impl.New(1)
		if !s.TryAcquire() {
			t.Fatal("TryAcquire() on a fresh New(1) = false, want true")
		}
		var calls []*call
		for range 4 {
			calls = append(calls, startAcquire(s, 1)) // each waits behind the last
		}
		var order []int
		for range calls {
			s.Release()
			synctest.Wait()
			for i, c := range calls {
				if c.Succeeded() && !slices.Contains(order, i) {
					order = append(order, i)
				}
			}
		}
		if want := []int{0, 1, 2, 3}; !slices.Equal(order, want) {
			t.Errorf("four waiters queued in order 0..3 were granted in order %v, want %v", order, want)
		}
		s.Release()
	})
}

func noBarging(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		s := impl.New(1)
		s.TryAcquire()
		c := startAcquire(s, 1)
		// Release and TryAcquire back to back: the waiter has not run yet, but
		// the permit is already its own.
		s.Release()
		if s.TryAcquire() {
			t.Errorf("TryAcquire() right after Release() = true while a waiter was queued, want false (the released permit belongs to the waiter)")
			s.Release()
		}
		synctest.Wait()
		if !c.Succeeded() {
			t.Fatalf("the queued waiter was not granted the released permit (returned %v, err %v)", c.Returned(), c.Err())
		}
		s.Release()
	})
}

func largeHeadBlocksSmaller(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		s := impl.New(3)
		s.TryAcquireN(2)
		big := startAcquire(s, 3) // one permit free: big waits at the head
		if s.TryAcquire() {
			t.Errorf("TryAcquire() = true with one permit free but AcquireN(3) waiting, want false (no barging past the head)")
			s.Release()
		}
		small := startAcquire(s, 1)
		if small.Returned() {
			t.Errorf("AcquireN(1) behind a waiting AcquireN(3) returned (err %v), want it to wait its turn", small.Err())
		}
		s.Release()
		synctest.Wait()
		if small.Returned() {
			t.Errorf("AcquireN(1) overtook the AcquireN(3) at the head when a second permit came free")
		}
		s.Release()
		synctest.Wait()
		if !big.Succeeded() {
			t.Fatalf("AcquireN(3) at the head was not granted once 3 permits were free (returned %v, err %v)", big.Returned(), big.Err())
		}
		if small.Returned() {
			t.Errorf("AcquireN(1) returned while AcquireN(3) held all 3 permits")
		}
		s.ReleaseN(3)
		synctest.Wait()
		if !small.Succeeded() {
			t.Errorf("AcquireN(1) was not granted after the head released (returned %v, err %v)", small.Returned(), small.Err())
		} else {
			s.Release()
		}
	})
}

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

func grantCancelRaceKeepsPermits(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		s := impl.New(1)
		// When cancel and Release happen together, the waiter's select sees
		// both at once; repeat so that each way of resolving it is taken.
		for i := range 64 {
			s.TryAcquire()
			c := startAcquire(s, 1)
			c.Cancel()
			s.Release()
			synctest.Wait()
			if !c.Returned() {
				t.Fatalf("round %d: Acquire did not return after being both granted and cancelled", i)
			}
			if c.Err() == nil {
				s.Release()
			}
			if got := s.Available(); got != 1 {
				t.Fatalf("round %d: Available() = %d after a grant raced a cancellation (Acquire returned %v), want 1: a permit was lost (golang/go#63615)", i, got, c.Err())
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

func tooLargeFailsAtOnce(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		s := impl.New(2)
		c := startAcquire(s, 3)
		if !c.Returned() {
			c.Cancel()
			synctest.Wait()
			t.Fatalf("AcquireN(ctx, 3) on New(2) waited, want ErrTooLarge at once")
		}
		if !errors.Is(c.Err(), impl.ErrTooLarge) {
			t.Errorf("AcquireN(ctx, 3) on New(2) returned %v, want ErrTooLarge", c.Err())
		}
		if s.TryAcquireN(3) {
			t.Errorf("TryAcquireN(3) on New(2) = true, want false")
		}
		if got := s.Available(); got != 2 {
			t.Errorf("Available() = %d after too-large requests, want 2", got)
		}
	})
}

func zeroAndNegativeCounts(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		s := impl.New(1)
		s.TryAcquire()
		waiter := startAcquire(s, 1)
		zero := startAcquire(s, 0)
		if !zero.Succeeded() {
			zero.Cancel()
			t.Errorf("AcquireN(ctx, 0) behind a waiter did not return nil at once (err %v)", zero.Err())
		}
		for name, f := range map[string]func(){
			"New(-1)":           func() { impl.New(-1) },
			"AcquireN(ctx, -1)": func() { s.AcquireN(context.Background(), -1) },
			"TryAcquireN(-1)":   func() { s.TryAcquireN(-1) },
			"ReleaseN(-1)":      func() { s.ReleaseN(-1) },
		} {
			if bubble.Panics(f) == nil {
				t.Errorf("%s did not panic, want a panic (a negative count is a caller bug)", name)
			}
		}
		s.Release()
		synctest.Wait()
		if waiter.Succeeded() {
			s.Release()
		}
	})
}
