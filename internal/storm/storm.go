// Package storm runs an implementation under real concurrency for the
// conformance suites: many goroutines at once, each with its own seeded
// random source, every wait bounded so that a lost wake-up fails the property
// with a sentence instead of hanging it.
//
// A storm is the complement of a synctest bubble: the bubble proves order and
// time exactly on one schedule, the storm shakes out the schedules that only
// real threads produce, under the race detector.
package storm

import (
	"context"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// Timeout bounds every storm. A correct implementation finishes the largest
// storm of any suite in about a second under -race on a loaded 2-core
// machine, so five leave room; and it stays under every suite's hang limit,
// so that a storm that cannot end is reported by the property, naming what
// never returned, rather than by the harness as a hang.
const Timeout = 5 * time.Second

// Context returns the ctx of a storm, done after Timeout, for bounding each
// blocking call that the storm makes.
func Context(t testing.TB) (context.Context, context.CancelFunc) {
	return context.WithTimeout(t.Context(), Timeout)
}

// Run runs body in goroutines goroutines at once, the g-th with a random
// source seeded by (g, seed), and waits for all of them. ctx is the storm's,
// done after Timeout: body passes it to every blocking call. If they have not
// all returned within Timeout and a grace second, or if ctx expired, Run fails
// t with "the storm did not finish within 5s: " followed by stuck, which says
// what a correct implementation would have done ("an Acquire was never
// woken"). Run returns once every goroutine has returned; when some never
// do, it fails t without waiting for them: the property's process ends with
// the failure, and takes them with it.
func Run(t testing.TB, goroutines int, seed uint64, stuck string, body func(ctx context.Context, g int, r *rand.Rand)) {
	t.Helper()
	ctx, cancel := Context(t)
	defer cancel()
	var wg sync.WaitGroup
	for g := range goroutines {
		wg.Go(func() { body(ctx, g, rand.New(rand.NewPCG(uint64(g), seed))) })
	}
	if !Wait(&wg) || ctx.Err() != nil {
		t.Fatalf("the storm did not finish within %v: %s", Timeout, stuck)
	}
}

// ShortCtx returns a ctx of the storm's ctx that expires after a random time
// below most, or, one time in eight, one already cancelled: short deadlines
// make hand-offs and expiries collide often. The caller calls cancel when
// the call it bounds has returned.
func ShortCtx(ctx context.Context, r *rand.Rand, most time.Duration) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithTimeout(ctx, time.Duration(r.Int64N(int64(most))))
	if r.IntN(8) == 0 {
		cancel()
	}
	return ctx, cancel
}

// Wait waits for wg at most Timeout and a grace second, and reports whether
// it ended: the grace lets calls bounded by a storm's ctx return after it.
func Wait(wg *sync.WaitGroup) bool {
	ended := make(chan struct{})
	go func() {
		wg.Wait()
		close(ended)
	}()
	timer := time.NewTimer(Timeout + time.Second)
	defer timer.Stop()
	select {
	case <-ended:
		return true
	case <-timer.C:
		return false
	}
}

// HighWater counts the goroutines inside a section, such as holding a lock or
// running a call, and remembers the most that were ever inside at once. The
// zero value is ready; it is safe for concurrent use.
type HighWater struct {
	now, most atomic.Int64
}

// Enter counts one more goroutine inside and returns how many are inside now.
func (h *HighWater) Enter() int64 {
	n := h.now.Add(1)
	for m := h.most.Load(); n > m && !h.most.CompareAndSwap(m, n); m = h.most.Load() {
	}
	return n
}

// Leave counts one goroutine less inside.
func (h *HighWater) Leave() { h.now.Add(-1) }

// Now returns how many goroutines are inside.
func (h *HighWater) Now() int64 { return h.now.Load() }

// Most returns the most goroutines that were ever inside at once.
func (h *HighWater) Most() int64 { return h.most.Load() }
