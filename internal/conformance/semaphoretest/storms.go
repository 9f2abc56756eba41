package semaphoretest

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/conckata/conckata/internal/bubble"
)

// stormTimeout bounds every wait in a storm, so that a semaphore that loses
// wake-ups fails the property instead of hanging it.
const stormTimeout = 5 * time.Second

func neverMoreThanN(t *testing.T, impl Impl) {
	const n = 3
	s := impl.New(n)
	for i := range n {
		if !s.TryAcquire() {
			t.Fatalf("TryAcquire() number %d on a fresh New(%d) = false, want true", i+1, n)
		}
	}
	if s.TryAcquire() {
		t.Fatalf("TryAcquire() = true with all %d permits of New(%d) held, want false", n, n)
	}
	for range n {
		s.Release()
	}

	ctx, cancel := context.WithTimeout(context.Background(), stormTimeout)
	defer cancel()
	var holders, most atomic.Int64
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 200 {
				if (g+i)%3 == 0 {
					if !s.TryAcquire() {
						continue
					}
				} else if s.Acquire(ctx) != nil {
					return
				}
				h := holders.Add(1)
				for m := most.Load(); h > m && !most.CompareAndSwap(m, h); m = most.Load() {
				}
				holders.Add(-1)
				s.Release()
			}
		})
	}
	wg.Wait()
	if ctx.Err() != nil {
		t.Fatalf("the storm did not finish within %v: an Acquire was never woken", stormTimeout)
	}
	if got := most.Load(); got > n {
		t.Errorf("%d goroutines held a permit of New(%d) at once, want at most %d", got, n, n)
	}
}

func stormRestoresCount(t *testing.T, impl Impl) {
	const n = 4
	s := impl.New(n)
	var wg sync.WaitGroup
	var ok, failed atomic.Int64
	for g := range 8 {
		wg.Go(func() {
			r := rand.New(rand.NewPCG(uint64(g), 1))
			for range 300 {
				k := 1 + r.IntN(n)
				// Short deadlines make grants and expiries collide often.
				ctx, cancel := context.WithTimeout(context.Background(), time.Duration(r.IntN(50))*time.Microsecond)
				if r.IntN(4) == 0 {
					cancel()
				}
				if err := s.AcquireN(ctx, k); err == nil {
					ok.Add(1)
					s.ReleaseN(k)
				} else {
					failed.Add(1)
				}
				cancel()
			}
		})
	}
	wg.Wait()
	if got := s.Available(); got != n {
		t.Errorf("Available() = %d after a storm of %d successful and %d failed acquires, all released, want %d", got, ok.Load(), failed.Load(), n)
	}
	// The semaphore must still work: a lost wake-up shows here as a hang.
	ctx, cancel := context.WithTimeout(context.Background(), stormTimeout)
	defer cancel()
	if err := s.AcquireN(ctx, n); err != nil {
		t.Errorf("AcquireN(%d) after the storm returned %v, want nil", n, err)
	}
}

func overReleasePanics(t *testing.T, impl Impl) {
	const want = "semaphore: released more than held"
	s := impl.New(2)
	s.TryAcquire()
	for _, c := range []struct {
		name string
		f    func()
	}{
		{"ReleaseN(2) holding 1 of 2", func() { s.ReleaseN(2) }},
		{"Release() twice holding 1 of 2", func() { s.Release(); s.Release() }},
	} {
		v := bubble.Panics(c.f)
		if v == nil {
			t.Errorf("%s: did not panic, want a panic %q", c.name, want)
		} else if msg := fmt.Sprint(v); !strings.Contains(msg, want) {
			t.Errorf("%s: panicked with %q, want %q", c.name, msg, want)
		}
	}
}
