package locktest

import (
	"context"
	"math/rand/v2"
	"sync/atomic"
	"testing"
	"time"

	"github.com/conckata/conckata/internal/storm"
)

func mutualExclusion(t *testing.T, impl Impl) {
	m := impl.New()
	var in storm.HighWater
	var taken atomic.Int64
	count := 0 // guarded by m: the race detector checks that each holder sees the last one's write
	storm.Run(t, 8, 0, "8 goroutines taking the lock 500 times each: a Lock was never handed the lock (a lost wake-up)", func(ctx context.Context, g int, _ *rand.Rand) {
		for i := range 500 {
			if (g+i)%4 == 0 {
				if !m.TryLock() {
					continue
				}
			} else if m.Lock(ctx) != nil {
				return
			}
			in.Enter()
			count++
			in.Leave()
			taken.Add(1)
			m.Unlock()
		}
	})
	if most := in.Most(); most > 1 {
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
	var in storm.HighWater
	var ok, failed atomic.Int64
	storm.Run(t, 8, 2, "a Lock outlived its ctx (ctx ignored), or was never handed the lock", func(_ context.Context, _ int, r *rand.Rand) {
		for range 300 {
			if r.IntN(5) == 0 {
				if m.TryLock() {
					in.Enter()
					in.Leave()
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
				in.Enter()
				in.Leave()
				m.Unlock()
			} else {
				failed.Add(1)
			}
			cancel()
		}
	})
	if most := in.Most(); most > 1 {
		t.Errorf("%d goroutines held the lock at once during a storm of cancelled and expiring Locks, want at most 1 (CPython bpo-32734)", most)
	}
	if m.Locked() {
		t.Errorf("Locked() = true after a storm of %d successful and %d failed Locks, all unlocked, want false: the lock is held by no one (CPython bpo-27585)", ok.Load(), failed.Load())
	}
	// The mutex must still work: a lost lock shows here as a timeout.
	ctx, cancel := storm.Context(t)
	defer cancel()
	if err := m.Lock(ctx); err != nil {
		t.Errorf("Lock after the storm returned %v, want nil", err)
		return
	}
	m.Unlock()
}
