package pooltest

import (
	"context"
	"errors"
	"testing"
	"testing/synctest"

	"github.com/conckata/conckata/internal/bubble"
)

// The rule of every hand-off (docs/katas/pool.md#the-cancellation-rule): an
// Acquire whose ctx is done before the Release, Open or Close that would
// answer it returns ctx.Err(), even if it has not run since, and what would
// have been its own goes to the next live waiter. Inside a bubble "before" is
// exact: the property cancels, then releases, before the bubble can run
// anything else. The cancelled Acquire's goroutine may still run in parallel
// and leave first, so a pool that breaks the rule is caught in most rounds,
// not all, and the property plays many; a pool that keeps it passes every one.

// rounds repeats each check of the rule.
const rounds = 16

func cancelledWaitLeavesNoTrace(t *testing.T, impl Impl) {
	inPool(t, impl, 1, 1, func(t *testing.T, r *resources, p Pool) {
		held := mustAcquire(t, p, "Acquire on a pool of one")
		first, second := startAcquire(p), startAcquire(p)
		defer cancelAll(first, second)
		first.Cancel()
		synctest.Wait()
		if !errors.Is(first.Err(), context.Canceled) || first.lease != nil {
			t.Fatalf("a waiting Acquire whose ctx was cancelled: %s, want context.Canceled", first.Result())
		}
		if got := p.Stats().Waiting; got != 1 {
			t.Errorf("Stats().Waiting = %d after one of two waiters was cancelled, want 1", got)
		}
		held.Release()
		synctest.Wait()
		second.served(t, "the waiter behind a cancelled one was not served by the release: %s").Release()
		checkStats(t, p, "after a cancelled wait and two leases", Stats{Open: 1, Idle: 1, Opened: 1, Acquires: 2}, " (a cancelled Acquire holds nothing)")
		r.closeAll(t, p, "after a cancelled wait")
	})
}

func cancelledOpenGoesToPool(t *testing.T, impl Impl) {
	inPool(t, impl, 0, 1, func(t *testing.T, r *resources, p Pool) {
		r.hold(false)
		a := startAcquire(p)
		defer cancelAll(a)
		if len(r.pending()) != 1 {
			t.Fatalf("Acquire on an empty pool did not call Open")
		}
		a.Cancel()
		synctest.Wait()
		if !errors.Is(a.Err(), context.Canceled) {
			t.Errorf("Acquire cancelled while its resource was being opened: %s, want context.Canceled at once", a.Result())
		}
		open := r.pending()[0]
		if err := open.Ctx.Err(); err != nil {
			t.Errorf("the ctx of the Open started for an Acquire was done (%v) when the Acquire was cancelled, want the Open to go on (pgx#1259)", err)
		}
		next := startAcquire(p) // waits for the same open: the slot is taken
		r.finish(t, 0, nil)
		next.served(t, "the resource opened for a cancelled Acquire did not go to the next waiter: %s (pgx#1259)").Release()
		if got := (Stats{Open: 1, Idle: 1, Opened: 1, Acquires: 1}); p.Stats() != got {
			t.Errorf("Stats() = %s, want %s", statsString(p.Stats()), statsString(got))
		}

		// Once more with no one waiting: the resource goes to the idle set.
		held := mustAcquire(t, p, "Acquire of the idle resource")
		held.Destroy()
		synctest.Wait()
		b := startAcquire(p)
		b.Cancel()
		synctest.Wait()
		r.finish(t, 1, nil)
		if s := p.Stats(); s.Idle != 1 || s.Open != 1 {
			t.Errorf("Stats() after an Open outlived its cancelled Acquire = %s, want the resource idle (pgx#1259)", statsString(s))
		}
		r.closeAll(t, p, "after opens outlived their Acquire")
	})
}

func cancelBeforeHandOffWins(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		for round := range rounds {
			releaseSkipsCancelled(t, impl, round, round%2 == 0)
			openSkipsCancelled(t, impl, round, round%2 == 0)
			if t.Failed() {
				return
			}
		}
		closeFailsCancelledWithCtxErr(t, impl)
	})
}

// releaseSkipsCancelled: on a pool of one, Acquire calls a, b (and c if
// withLive) wait for the leased resource; b then a are cancelled, and the
// resource released at once. It must go to c, or to the idle set.
func releaseSkipsCancelled(t *testing.T, impl Impl, round int, withLive bool) {
	r := newResources()
	p := mustNew(t, impl, r.config(1, 1))
	held := mustAcquire(t, p, "Acquire on a pool of one")
	as := []*acquire{startAcquire(p), startAcquire(p)}
	if withLive {
		as = append(as, startAcquire(p))
	}
	defer cancelAll(as...)
	as[1].Cancel()
	as[0].Cancel()
	held.Release()
	synctest.Wait()
	for i, a := range as[:2] {
		if !errors.Is(a.Err(), context.Canceled) || a.lease != nil {
			releaseAll(as...)
			t.Fatalf("round %d: Acquire %d of %d waiting on a pool of one was cancelled before the Release: %s, want context.Canceled: a lease handed to a caller that gave up is held from the live waiters", round, i, len(as), a.Result())
		}
	}
	want := Stats{Open: 1, Idle: 1, Opened: 1, Acquires: 1}
	if withLive {
		want = Stats{Open: 1, InUse: 1, Opened: 1, Acquires: 2}
		if !as[2].Succeeded() {
			t.Fatalf("round %d: three Acquire calls waited on a pool of one, the first two were cancelled, then the resource was released: the third %s, want the lease", round, as[2].Result())
		}
	}
	if got := p.Stats(); got != want {
		t.Errorf("round %d: Stats() after the release = %s, want %s", round, statsString(got), statsString(want))
	}
	releaseAll(as...)
	r.closeAll(t, p, "after the release")
}

// openSkipsCancelled: on an empty pool of one, Acquire a starts an Open and
// b waits behind it; a is cancelled, then the Open returns at once. With ok,
// the resource must go to b; without, the Open fails and a must return
// context.Canceled, not the Open's error.
func openSkipsCancelled(t *testing.T, impl Impl, round int, ok bool) {
	r := newResources()
	p := mustNew(t, impl, r.config(0, 1))
	r.hold(false)
	a := startAcquire(p)
	as := []*acquire{a}
	if ok {
		as = append(as, startAcquire(p))
	}
	defer cancelAll(as...)
	boom := errors.New("connection refused")
	var openErr error
	if !ok {
		openErr = boom
	}
	a.Cancel()
	r.finish(t, 0, openErr)
	if !errors.Is(a.Err(), context.Canceled) || a.lease != nil {
		releaseAll(as...)
		t.Fatalf("round %d: an Acquire waiting for its Open was cancelled before the Open returned (with %v): %s, want context.Canceled", round, openErr, a.Result())
	}
	if ok && !as[1].Succeeded() {
		t.Fatalf("round %d: the Acquire waiting behind a cancelled one, when the Open returned: %s, want the resource (pgx#1259)", round, as[1].Result())
	}
	releaseAll(as...)
	r.finishAll(t)
	r.closeAll(t, p, "after the Open")
}

// closeFailsCancelledWithCtxErr: an Acquire waiting on a pool of one is
// cancelled, then the pool is closed: it returns context.Canceled, not
// ErrClosed.
func closeFailsCancelledWithCtxErr(t *testing.T, impl Impl) {
	r := newResources()
	p := mustNew(t, impl, r.config(1, 1))
	held := mustAcquire(t, p, "Acquire on a pool of one")
	a := startAcquire(p)
	defer cancelAll(a)
	a.Cancel()
	c := bubble.Start("Close", p.Close) // waits for held
	if !errors.Is(a.Err(), context.Canceled) {
		t.Errorf("an Acquire waiting on a pool of one, cancelled just before Close: %s, want context.Canceled", a.Result())
	}
	releaseAll(a)
	held.Release()
	synctest.Wait()
	if !c.Succeeded() {
		t.Errorf("Close once the lease came back: %s, want nil", c.Result())
	}
	r.closedOnce(t, "Close")
}
