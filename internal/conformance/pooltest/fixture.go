package pooltest

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"testing/synctest"

	"github.com/conckata/conckata/internal/bubble"
	"github.com/conckata/conckata/internal/gate"
)

// resources is the fake resource behind every property: Open hands out
// ints 1, 2, 3... and Close records each close. Once hold is called, every
// Open waits at a gate until the property finishes it (or its ctx ends), so
// that a property can tell exactly when an open starts and how it ends.
type resources struct {
	mu     sync.Mutex    // protects the fields below
	held   *gate.Gate    // holds the opens; nil until hold
	next   int           // the last id handed out
	live   int           // opens in flight plus resources not yet closed
	most   int           // the highest live ever was
	closes map[int]int   // id -> how many times Close was called on it
	failAt map[int]error // the n-th Open call (from 1) fails with this error
	calls  int           // Open calls so far
}

func newResources() *resources {
	return &resources{closes: map[int]int{}, failAt: map[int]error{}}
}

func (r *resources) config(minSize, maxSize int) Config {
	return Config{MinSize: minSize, MaxSize: maxSize, Open: r.open, Close: r.close}
}

func (r *resources) open(ctx context.Context) (int, error) {
	r.mu.Lock()
	r.calls++
	r.live++
	r.most = max(r.most, r.live)
	err := r.failAt[r.calls]
	held := r.held
	r.mu.Unlock()
	if held != nil {
		err = held.Hold(ctx)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if err != nil {
		r.live--
		return 0, err
	}
	r.next++
	return r.next, nil
}

func (r *resources) close(id int) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.closes[id]++
	if r.closes[id] == 1 {
		r.live--
	}
	return nil
}

// hold makes every later Open wait for finish; with ignoreCtx, the held
// opens ignore their ctx.
func (r *resources) hold(ignoreCtx bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.held = gate.New(ignoreCtx)
}

// pending returns the held opens so far.
func (r *resources) pending() []*gate.Call {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.held == nil {
		return nil
	}
	return r.held.Calls()
}

// finish lets the i-th held Open (from 0) return, failing with err if not
// nil, and waits for the bubble to settle.
func (r *resources) finish(t *testing.T, i int, err error) {
	t.Helper()
	if r.held == nil || !r.held.Finish(i, err) {
		t.Fatalf("the property wanted to finish Open call %d, but only %d were called", i+1, len(r.pending()))
	}
	synctest.Wait()
}

// finishAll lets every held Open not yet finished succeed.
func (r *resources) finishAll(t *testing.T) {
	t.Helper()
	if r.held == nil {
		return
	}
	for _, i := range r.held.Unfinished() {
		r.finish(t, i, nil)
	}
}

// closedOnce checks that every resource handed out was closed exactly once
// and nothing else was closed.
func (r *resources) closedOnce(t *testing.T, after string) {
	t.Helper()
	r.mu.Lock()
	defer r.mu.Unlock()
	for id := 1; id <= r.next; id++ {
		if n := r.closes[id]; n != 1 {
			t.Errorf("%s: resource %d of %d opened was closed %d times, want exactly once", after, id, r.next, n)
		}
	}
	for id := range r.closes {
		if id < 1 || id > r.next {
			t.Errorf("%s: Close was called on %d, which Open never returned", after, id)
		}
	}
}

func (r *resources) counts() (opened, calls, live, most int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.next, r.calls, r.live, r.most
}

// acquire is an Acquire running in a goroutine of its own in a bubble.
type acquire struct {
	*bubble.Call
	lease Lease // once Succeeded
}

// startAcquire starts Acquire and returns once the bubble is idle.
func startAcquire(p Pool) *acquire {
	a := &acquire{}
	a.Call = bubble.Start("Acquire", func(ctx context.Context) error {
		l, err := p.Acquire(ctx)
		a.lease = l
		return err
	})
	return a
}

// served fails the property unless a returned a lease, with failure, whose
// %s says what a did instead; it returns the lease.
func (a *acquire) served(t *testing.T, failure string) Lease {
	t.Helper()
	if !a.Succeeded() {
		t.Fatalf(failure, a.Result())
	}
	return a.lease
}

// mustNew calls impl.New and fails the property if it fails.
func mustNew(t testing.TB, impl Impl, cfg Config) Pool {
	t.Helper()
	p, err := impl.New(context.Background(), cfg)
	if err != nil || p == nil {
		t.Fatalf("New(MinSize %d, MaxSize %d) = %v, %v; want a pool", cfg.MinSize, cfg.MaxSize, p, err)
	}
	return p
}

// mustAcquire acquires at once, or fails the property.
func mustAcquire(t testing.TB, p Pool, what string) Lease {
	t.Helper()
	l, err := p.Acquire(context.Background())
	if err != nil || l == nil {
		t.Fatalf("%s: Acquire = %v, %v; want a lease", what, l, err)
	}
	return l
}

// mustClose closes p in a bubble, or fails the property if Close blocks or
// fails.
func mustClose(t *testing.T, p Pool, what string) {
	t.Helper()
	c := bubble.Start("Close", p.Close)
	if !c.Returned() {
		c.Cancel()
		synctest.Wait()
		t.Fatalf("%s: Close still waits with every lease back, want it to return", what)
	}
	if c.Err() != nil {
		t.Errorf("%s: Close = %v, want nil", what, c.Err())
	}
}

func statsString(s Stats) string { return fmt.Sprintf("%+v", s) }

// inPool runs check in a synctest bubble, on a new pool of new resources
// with minSize and maxSize.
func inPool(t *testing.T, impl Impl, minSize, maxSize int, check func(t *testing.T, r *resources, p Pool)) {
	synctest.Test(t, func(t *testing.T) {
		r := newResources()
		check(t, r, mustNew(t, impl, r.config(minSize, maxSize)))
	})
}

// checkStats fails t unless p.Stats() is want; when says when ("after
// Close"), and why, if not empty, is added to the message.
func checkStats(t *testing.T, p Pool, when string, want Stats, why string) {
	t.Helper()
	if got := p.Stats(); got != want {
		t.Errorf("Stats() %s = %s, want %s%s", when, statsString(got), statsString(want), why)
	}
}

// closeAll closes p, or fails the property as mustClose does, and checks
// that Close closed every resource exactly once.
func (r *resources) closeAll(t *testing.T, p Pool, what string) {
	t.Helper()
	mustClose(t, p, what)
	r.closedOnce(t, "Close")
}

// poolPanic calls f and returns what it panicked with, and whether that was
// a "pool: ..." message, as the kata's panics for a caller's bug are.
func poolPanic(f func()) (v any, ok bool) {
	v = bubble.Panics(f)
	return v, v != nil && strings.HasPrefix(fmt.Sprint(v), "pool: ")
}

// releaseAll releases the leases of the acquires that succeeded.
func releaseAll(as ...*acquire) {
	for _, a := range as {
		if a.Succeeded() && a.lease != nil {
			a.lease.Release()
		}
	}
	synctest.Wait()
}

// cancelAll cancels the acquires still waiting, so that the bubble can end.
func cancelAll(as ...*acquire) {
	for _, a := range as {
		a.Cancel()
	}
	synctest.Wait()
}
