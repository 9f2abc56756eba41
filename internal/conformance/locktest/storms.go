package locktest

import (
	"context"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// stormTimeout bounds every wait in a storm, so that a mutex that loses
// wake-ups fails the property instead of hanging it.
const stormTimeout = 5 * time.Second

// holders counts the goroutines inside a critical section and remembers the
// most there ever were at once.
type holders struct{ now, most atomic.Int64 }

func (h *holders) enter() {
	n := h.now.Add(1)
	for m := h.most.Load(); n > m && !h.most.CompareAndSwap(m, n); m = h.most.Load() {
	}
}

func (h *holders) leave() { h.now.Add(-1) }

func mutualExclusion(t *testing.T, impl Impl) {
	m := impl.New()
	ctx, cancel := context.WithTimeout(context.Background(), stormTimeout)
	defer cancel()
	var in holders
	var taken atomic.Int64
	count := 0 // guarded by m: the race detector checks that each holder sees the last one's write
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 500 {
				if (g+i)%4 == 0 {
					if !m.TryLock() {
						continue
					}
				} else if m.Lock(ctx) != nil {
					return
				}
				in.enter()
				count++
				in.leave()
				taken.Add(1)
				m.Unlock()
			}
		})
	}
	wg.Wait()
	if ctx.Err() != nil {
		t.Fatalf("8 goroutines taking the lock 500 times each did not finish within %v: a Lock was never handed the lock (a lost wake-up)", stormTimeout)
	}
	if most := in.most.Load(); most > 1 {
		t.Errorf("%d goroutines held the lock at once, want at most 1", most)
	}
	if n := taken.Load(); int64(count) != n {
		t.Errorf("the holders incremented a counter guarded by the lock %d times but it reads %d: two holders overlapped or one did not see the other's write", n, count)
	}
	if m.Locked() {
		t.Errorf("Locked() = true after every holder unlocked, want false")
	}
}

func stormEndsUnlocked(t *testing.T, impl Impl) {
	m := impl.New()
	var in holders
	var ok, failed atomic.Int64
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			r := rand.New(rand.NewPCG(uint64(g), 2))
			for range 300 {
				if r.IntN(5) == 0 {
					if m.TryLock() {
						in.enter()
						in.leave()
						m.Unlock()
					}
					continue
				}
				// Short deadlines make hand-offs and expiries collide often.
				ctx, cancel := context.WithTimeout(context.Background(), time.Duration(r.IntN(50))*time.Microsecond)
				if r.IntN(4) == 0 {
					cancel()
				}
				if err := m.Lock(ctx); err == nil {
					ok.Add(1)
					in.enter()
					in.leave()
					m.Unlock()
				} else {
					failed.Add(1)
				}
				cancel()
			}
		})
	}
	wg.Wait()
	if most := in.most.Load(); most > 1 {
		t.Errorf("%d goroutines held the lock at once during a storm of cancelled and expiring Locks, want at most 1 (CPython bpo-32734)", most)
	}
	if m.Locked() {
		t.Errorf("Locked() = true after a storm of %d successful and %d failed Locks, all unlocked, want false: the lock is held by no one (CPython bpo-27585)", ok.Load(), failed.Load())
	}
	// The mutex must still work: a lost lock shows here as a timeout.
	ctx, cancel := context.WithTimeout(context.Background(), stormTimeout)
	defer cancel()
	if err := m.Lock(ctx); err != nil {
		t.Errorf("Lock after the storm returned %v, want nil", err)
		return
	}
	m.Unlock()
}
