package pooltest

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"testing/synctest"

	"github.com/conckata/conckata/internal/bubble"
)

func opensMinSize(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		r := newResources()
		p := mustNew(t, impl, r.config(3, 5))
		if opened, calls, _, _ := r.counts(); opened != 3 || calls != 3 {
			t.Errorf("New(MinSize 3, MaxSize 5) returned after %d Open calls (%d succeeded), want 3 opened before it returns", calls, opened)
		}
		want := Stats{Open: 3, Idle: 3, Opened: 3}
		if got := p.Stats(); got != want {
			t.Errorf("Stats() after New(MinSize 3, MaxSize 5) = %s, want %s", statsString(got), statsString(want))
		}
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
			v := bubble.Panics(func() { impl.New(context.Background(), c.cfg) })
			if msg := fmt.Sprint(v); v == nil || !strings.HasPrefix(msg, "pool: ") {
				t.Errorf(`New with %s panicked with %v, want a panic "pool: ..." (a bad config is a caller bug)`, c.what, v)
			}
		}
	})
}

func reusesReleased(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		r := newResources()
		p := mustNew(t, impl, r.config(0, 2))
		l := mustAcquire(t, p, "first Acquire on an empty pool")
		first := l.Value()
		if want := (Stats{Open: 1, InUse: 1, Opened: 1, Acquires: 1}); p.Stats() != want {
			t.Errorf("Stats() with one lease out = %s, want %s", statsString(p.Stats()), statsString(want))
		}
		l.Release()
		if want := (Stats{Open: 1, Idle: 1, Opened: 1, Acquires: 1}); p.Stats() != want {
			t.Errorf("Stats() after Release = %s, want %s", statsString(p.Stats()), statsString(want))
		}
		l = mustAcquire(t, p, "Acquire after Release")
		if l.Value() != first {
			t.Errorf("Acquire after Release leased resource %d, want the idle %d again", l.Value(), first)
		}
		if _, calls, _, _ := r.counts(); calls != 1 {
			t.Errorf("Open was called %d times for two Acquire calls in a row, want 1 (reuse the released resource)", calls)
		}
		l.Release()
		mustClose(t, p, "after two leases")
		r.closedOnce(t, "Close")
	})
}

func doneCtxFailsAtEntry(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		r := newResources()
		p := mustNew(t, impl, r.config(1, 2))
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		for range 16 {
			if l, err := p.Acquire(ctx); !errors.Is(err, context.Canceled) || l != nil {
				t.Fatalf("Acquire with a cancelled ctx and a resource idle = %v, %v; want nil, context.Canceled", l, err)
			}
		}
		synctest.Wait()
		if want := (Stats{Open: 1, Idle: 1, Opened: 1}); p.Stats() != want {
			t.Errorf("Stats() after Acquire calls with a done ctx = %s, want %s", statsString(p.Stats()), statsString(want))
		}
		mustClose(t, p, "after Acquire calls with a done ctx")
	})
}

func releaseTwicePanics(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		r := newResources()
		p := mustNew(t, impl, r.config(0, 2))
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
			v := bubble.Panics(func() { c.g(l) })
			if msg := fmt.Sprint(v); v == nil || !strings.HasPrefix(msg, "pool: ") {
				t.Errorf(`%s of a lease after %s panicked with %v, want a panic "pool: ..."`, c.second, c.first, v)
			}
			synctest.Wait()
		}
		if s := p.Stats(); s.InUse != 0 || s.Open > 2 {
			t.Errorf("Stats() after the double releases = %s, want nothing in use and at most 2 open", statsString(s))
		}
		mustClose(t, p, "after the double releases")
		r.closedOnce(t, "Close")
	})
}
