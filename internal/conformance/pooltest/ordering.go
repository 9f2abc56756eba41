package pooltest

import (
	"errors"
	"slices"
	"testing"
	"testing/synctest"
)

func neverMoreThanMax(t *testing.T, impl Impl) {
	inPool(t, impl, 0, 2, func(t *testing.T, r *resources, p Pool) {
		r.hold(false)
		var as []*acquire
		for range 5 {
			as = append(as, startAcquire(p))
		}
		defer cancelAll(as...)
		if n := len(r.pending()); n > 2 {
			t.Fatalf("5 Acquire calls on an empty pool of MaxSize 2 started %d opens at once, want at most 2 (puddle 8101c0d)", n)
		}
		r.finishAll(t)
		for round := 0; slices.ContainsFunc(as, (*acquire).Waiting); round++ {
			if round == 5 {
				t.Fatalf("5 Acquire calls on a pool of MaxSize 2 were not all served after 5 rounds of releases")
			}
			for _, a := range as {
				if a.Succeeded() && a.lease != nil {
					a.lease.Release()
					a.lease = nil
				}
			}
			synctest.Wait()
			r.finishAll(t)
		}
		releaseAll(as...)
		if _, _, _, most := r.counts(); most > 2 {
			t.Errorf("%d resources were open or opening at once in a pool of MaxSize 2 (puddle 8101c0d)", most)
		}
		mustClose(t, p, "after 5 Acquire calls")
	})
}

func waitersServedFIFO(t *testing.T, impl Impl) {
	inPool(t, impl, 1, 1, func(t *testing.T, r *resources, p Pool) {
		held := mustAcquire(t, p, "Acquire on a pool of one")
		var as []*acquire
		for range 4 {
			as = append(as, startAcquire(p)) // each waits behind the last
		}
		defer cancelAll(as...)
		if got := p.Stats().Waiting; got != 4 {
			t.Errorf("Stats().Waiting = %d with 4 Acquire calls blocked, want 4", got)
		}
		for i, a := range as {
			if a.Returned() {
				t.Fatalf("Acquire %d returned (%v) while the one resource of MaxSize 1 was leased, want it to block", i, a.Err())
			}
		}
		var order []int
		release := held.Release
		for range as {
			release()
			// An Acquire arriving right after the release must not take the
			// resource past the waiters.
			late := startAcquire(p)
			for i, a := range as {
				if a.Succeeded() && !slices.Contains(order, i) {
					order = append(order, i)
					release = a.lease.Release
				}
			}
			if late.Succeeded() {
				t.Fatalf("an Acquire that came after the waiters took the released resource past them")
			}
			late.Cancel()
			synctest.Wait()
		}
		release()
		if want := []int{0, 1, 2, 3}; !slices.Equal(order, want) {
			t.Errorf("four Acquire calls queued in order 0..3 were served in order %v, want %v", order, want)
		}
		if _, calls, _, _ := r.counts(); calls != 1 {
			t.Errorf("Open was called %d times on a pool of MaxSize 1 with MinSize 1, want 1", calls)
		}
		mustClose(t, p, "after the waiters were served")
	})
}

func failedOpenFreesSlot(t *testing.T, impl Impl) {
	inPool(t, impl, 0, 1, func(t *testing.T, r *resources, p Pool) {
		r.hold(false)
		first, second := startAcquire(p), startAcquire(p)
		defer cancelAll(first, second)
		boom := errors.New("connection refused")
		r.finish(t, 0, boom)
		failed, other := first, second
		if !first.Returned() {
			failed, other = second, first
		}
		if !errors.Is(failed.Err(), boom) {
			t.Fatalf("after the one Open of two waiting Acquire calls failed: %s and %s, want one of them to return the Open's error", first.Result(), second.Result())
		}
		if other.Returned() || len(r.pending()) != 2 {
			t.Fatalf("after a failed Open the other waiter %s and %d Open calls were made, want it to wait for a second Open (puddle 513cb84)", other.Result(), len(r.pending()))
		}
		r.finish(t, 1, nil)
		other.served(t, "the second Open succeeded but the waiter %s (puddle 513cb84)").Release()
		checkStats(t, p, "after a failed and a good Open", Stats{Open: 1, Idle: 1, Opened: 1, Acquires: 1}, "")
		r.closeAll(t, p, "after a failed Open")
	})
}

func destroyClosesAndRefills(t *testing.T, impl Impl) {
	inPool(t, impl, 2, 3, func(t *testing.T, r *resources, p Pool) {
		l := mustAcquire(t, p, "Acquire from New(MinSize 2)")
		id := l.Value()
		l.Destroy()
		synctest.Wait()
		r.mu.Lock()
		closes := r.closes[id]
		r.mu.Unlock()
		if closes != 1 {
			t.Errorf("Destroy closed its resource %d times, want once", closes)
		}
		checkStats(t, p, "after Destroy in a pool of MinSize 2", Stats{Open: 2, Idle: 2, Opened: 3, Closed: 1, Acquires: 1}, " (refilled to MinSize)")
		r.closeAll(t, p, "after Destroy")
	})
}

func destroyServesWaiter(t *testing.T, impl Impl) {
	inPool(t, impl, 0, 1, func(t *testing.T, r *resources, p Pool) {
		held := mustAcquire(t, p, "Acquire on a pool of one")
		a := startAcquire(p)
		defer cancelAll(a)
		held.Destroy()
		synctest.Wait()
		if !a.Succeeded() {
			t.Fatalf("a waiter after the only resource of MaxSize 1 was destroyed: %s, want a newly opened one", a.Result())
		}
		if a.lease.Value() == held.Value() {
			t.Errorf("the waiter got the destroyed resource %d", held.Value())
		}
		a.lease.Release()
		r.closeAll(t, p, "after Destroy")
	})
}
