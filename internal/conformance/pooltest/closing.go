package pooltest

import (
	"context"
	"errors"
	"testing"
	"testing/synctest"

	"github.com/conckata/conckata/internal/bubble"
)

func acquireAfterCloseFails(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		r := newResources()
		p := mustNew(t, impl, r.config(1, 2))
		mustClose(t, p, "Close of a pool with one idle resource")
		a := startAcquire(p)
		defer cancelAll(a)
		if !a.Returned() || !errors.Is(a.Err(), impl.ErrClosed) {
			t.Errorf("Acquire after Close: %s, want ErrClosed at once", a.Result())
		}
		want := Stats{Opened: 1, Closed: 1}
		if got := p.Stats(); got != want {
			t.Errorf("Stats() after Close = %s, want %s", statsString(got), statsString(want))
		}
		r.closedOnce(t, "Close")
	})
}

func closeWakesWaiters(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		r := newResources()
		p := mustNew(t, impl, r.config(1, 1))
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
	synctest.Test(t, func(t *testing.T) {
		r := newResources()
		p := mustNew(t, impl, r.config(2, 2))
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
	synctest.Test(t, func(t *testing.T) {
		r := newResources()
		p := mustNew(t, impl, r.config(1, 3))
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
