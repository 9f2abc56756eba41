package semaphoretest

import (
	"context"
	"errors"
	"slices"
	"testing"
	"testing/synctest"

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
