package pooltest

import (
	"context"
	"errors"
	"testing"
	"testing/synctest"

	"github.com/conckata/conckata/internal/bubble"
)

func opensMinSize(t *testing.T, impl Impl) {
	inPool(t, impl, 3, 5, func(t *testing.T, r *resources, p Pool) {
		if opened, calls, _, _ := r.counts(); opened != 3 || calls != 3 {
			t.Errorf("New(MinSize 3, MaxSize 5) returned after %d Open calls (%d succeeded), want 3 opened before it returns", calls, opened)
		}
		checkStats(t, p, "after New(MinSize 3, MaxSize 5)", Stats{Open: 3, Idle: 3, Opened: 3}, "")
		mustClose(t, p, "New(MinSize 3, MaxSize 5)")
		r.closedOnce(t, "Close of a fresh pool")
	})
}

func failedNewClosesWhatItOpened(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		r := newResources()
		boom := errors.New("connection refused")
		r.failAt[3] = boom
		p, err := impl.New(context.Background(), r.config(4, 4))
		if !errors.Is(err, boom) {
			t.Errorf("New(MinSize 4) whose third Open fails = %v, %v; want the Open's error %q", p, err, boom)
		}
		synctest.Wait()
		if opened, _, _, _ := r.counts(); opened != 2 {
			t.Errorf("New(MinSize 4) whose third Open fails opened %d resources, want 2 (it must stop at the failure)", opened)
		}
		r.closedOnce(t, "New failing at its third Open")
	})
}

func invalidConfigPanics(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		r := newResources()
		if v := bubble.Panics(func() { mustClose(t, mustNew(t, impl, r.config(0, 1)), "New(MinSize 0, MaxSize 1)") }); v != nil {
			t.Fatalf("New(MinSize 0, MaxSize 1), a valid config, panicked: %v", v)
		}
		for _, c := range []struct {
			what string
			cfg  Config
		}{
			{"MaxSize 0", r.config(0, 0)},
			{"MinSize -1", r.config(-1, 2)},
			{"MinSize 3 > MaxSize 2", r.config(3, 2)},
			{"a nil Open", Config{MaxSize: 1}},
		} {
			if v, ok := poolPanic(func() { impl.New(context.Background(), c.cfg) }); !ok {
				t.Errorf(`New with %s panicked with %v, want a panic "pool: ..." (a bad config is a caller bug)`, c.what, v)
			}
		}
	})
}

func reusesReleased(t *testing.T, impl Impl) {
	inPool(t, impl, 0, 2, func(t *testing.T, r *resources, p Pool) {
		l := mustAcquire(t, p, "first Acquire on an empty pool")
		first := l.Value()
		checkStats(t, p, "with one lease out", Stats{Open: 1, InUse: 1, Opened: 1, Acquires: 1}, "")
		l.Release()
		checkStats(t, p, "after Release", Stats{Open: 1, Idle: 1, Opened: 1, Acquires: 1}, "")
		l = mustAcquire(t, p, "Acquire after Release")
		if l.Value() != first {
			t.Errorf("Acquire after Release leased resource %d, want the idle %d again", l.Value(), first)
		}
		if _, calls, _, _ := r.counts(); calls != 1 {
			t.Errorf("Open was called %d times for two Acquire calls in a row, want 1 (reuse the released resource)", calls)
		}
		l.Release()
		r.closeAll(t, p, "after two leases")
	})
}

func doneCtxFailsAtEntry(t *testing.T, impl Impl) {
	inPool(t, impl, 1, 2, func(t *testing.T, r *resources, p Pool) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		for range 16 {
			if l, err := p.Acquire(ctx); !errors.Is(err, context.Canceled) || l != nil {
				t.Fatalf("Acquire with a cancelled ctx and a resource idle = %v, %v; want nil, context.Canceled", l, err)
			}
		}
		synctest.Wait()
		checkStats(t, p, "after Acquire calls with a done ctx", Stats{Open: 1, Idle: 1, Opened: 1}, "")
		mustClose(t, p, "after Acquire calls with a done ctx")
	})
}

func releaseTwicePanics(t *testing.T, impl Impl) {
	inPool(t, impl, 0, 2, func(t *testing.T, r *resources, p Pool) {
		for _, c := range []struct {
			first, second string
			f, g          func(Lease)
		}{
			{"Release", "Release", Lease.Release, Lease.Release},
			{"Release", "Destroy", Lease.Release, Lease.Destroy},
			{"Destroy", "Release", Lease.Destroy, Lease.Release},
			{"Destroy", "Destroy", Lease.Destroy, Lease.Destroy},
		} {
			l := mustAcquire(t, p, c.first+" then "+c.second)
			c.f(l)
			synctest.Wait()
			if v, ok := poolPanic(func() { c.g(l) }); !ok {
				t.Errorf(`%s of a lease after %s panicked with %v, want a panic "pool: ..."`, c.second, c.first, v)
			}
			synctest.Wait()
		}
		if s := p.Stats(); s.InUse != 0 || s.Open > 2 {
			t.Errorf("Stats() after the double releases = %s, want nothing in use and at most 2 open", statsString(s))
		}
		r.closeAll(t, p, "after the double releases")
	})
}

func acquireAfterCloseFails(t *testing.T, impl Impl) {
	inPool(t, impl, 1, 2, func(t *testing.T, r *resources, p Pool) {
		mustClose(t, p, "Close of a pool with one idle resource")
		a := startAcquire(p)
		defer cancelAll(a)
		if !a.Returned() || !errors.Is(a.Err(), impl.ErrClosed) {
			t.Errorf("Acquire after Close: %s, want ErrClosed at once", a.Result())
		}
		checkStats(t, p, "after Close", Stats{Opened: 1, Closed: 1}, "")
		r.closedOnce(t, "Close")
	})
}

func closeWakesWaiters(t *testing.T, impl Impl) {
	inPool(t, impl, 1, 1, func(t *testing.T, r *resources, p Pool) {
		held := mustAcquire(t, p, "Acquire on a pool of one")
		as := []*acquire{startAcquire(p), startAcquire(p)}
		defer cancelAll(as...)
		c := bubble.Start("Close", p.Close)
		defer c.Cancel()
		for i, a := range as {
			if !a.Returned() || !errors.Is(a.Err(), impl.ErrClosed) {
				t.Errorf("waiter %d, blocked when Close began with a lease out: %s, want ErrClosed at once", i, a.Result())
			}
		}
		if got := p.Stats().Waiting; got != 0 {
			t.Errorf("Stats().Waiting = %d after Close woke the waiters, want 0", got)
		}
		held.Release()
		synctest.Wait()
		if !c.Returned() || c.Err() != nil {
			t.Errorf("%s once the last lease came back, want nil", c.Result())
		}
		r.closedOnce(t, "Close")
	})
}

func closeWaitsForLeases(t *testing.T, impl Impl) {
	inPool(t, impl, 2, 2, func(t *testing.T, r *resources, p Pool) {
		held := mustAcquire(t, p, "Acquire from New(MinSize 2)")
		c := bubble.Start("Close", p.Close)
		if c.Returned() {
			t.Fatalf("%s with a lease out, want it to wait for the lease", c.Result())
		}
		r.mu.Lock()
		idleClosed, heldClosed := r.closes[3-held.Value()], r.closes[held.Value()]
		r.mu.Unlock()
		if idleClosed != 1 || heldClosed != 0 {
			t.Errorf("Close waiting for a lease had closed the idle resource %d times and the leased one %d times, want 1 and 0", idleClosed, heldClosed)
		}
		c.Cancel()
		synctest.Wait()
		if !errors.Is(c.Err(), context.Canceled) {
			t.Errorf("Close whose ctx was cancelled while a lease was out: %s, want context.Canceled", c.Result())
		}
		held.Release()
		synctest.Wait()
		r.closedOnce(t, "a lease released after Close gave up waiting")
		mustClose(t, p, "a second Close, with everything closed")
		r.closedOnce(t, "a second Close")
		if s := p.Stats(); s.Open != 0 || s.Opened != 2 || s.Closed != 2 {
			t.Errorf("Stats() after Close = %s, want nothing open and 2 opened and closed", statsString(s))
		}
	})
}

func closesEachResourceOnce(t *testing.T, impl Impl) {
	inPool(t, impl, 1, 3, func(t *testing.T, r *resources, p Pool) {
		destroyed := mustAcquire(t, p, "first Acquire")
		leased := mustAcquire(t, p, "second Acquire")
		destroyed.Destroy()
		idle := mustAcquire(t, p, "third Acquire")
		r.hold(true)         // the open below ignores its ctx
		a := startAcquire(p) // opens the third slot
		a.Cancel()
		synctest.Wait()
		idle.Release()
		synctest.Wait()

		c := bubble.Start("Close", p.Close)
		defer c.Cancel()
		if len(r.pending()) != 1 {
			t.Fatalf("%d opens were in flight when Close began, want 1", len(r.pending()))
		}
		r.finish(t, 0, nil) // the open ignored Close and succeeded
		leased.Release()
		synctest.Wait()
		if !c.Returned() || c.Err() != nil {
			t.Errorf("%s after the last lease came back and the last open returned, want nil", c.Result())
		}
		r.closedOnce(t, "Close with an idle, a leased, a destroyed and an opening resource")
		if s := p.Stats(); s.Open != 0 || s.Opened != s.Closed {
			t.Errorf("Stats() after Close = %s, want nothing open and as many closed as opened", statsString(s))
		}
	})
}
