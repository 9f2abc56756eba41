package semaphoretest

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/conckata/conckata/internal/bubble"
	"github.com/conckata/conckata/internal/storm"
)

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

	var holders storm.HighWater
	storm.Run(t, 8, 0, "an Acquire was never woken", func(ctx context.Context, g int, _ *rand.Rand) {
		for i := range 200 {
			if (g+i)%3 == 0 {
				if !s.TryAcquire() {
					continue
				}
			} else if s.Acquire(ctx) != nil {
				return
			}
			holders.Enter()
			holders.Leave()
			s.Release()
		}
	})
	if got := holders.Most(); got > n {
		t.Errorf("%d goroutines held a permit of New(%d) at once, want at most %d", got, n, n)
	}
}

func stormRestoresCount(t *testing.T, impl Impl) {
	const n = 4
	s := impl.New(n)
	var ok, failed atomic.Int64
	storm.Run(t, 8, 1, "an AcquireN outlived its ctx (ctx ignored), or was never woken", func(_ context.Context, _ int, r *rand.Rand) {
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
	if got := s.Available(); got != n {
		t.Errorf("Available() = %d after a storm of %d successful and %d failed acquires, all released, want %d", got, ok.Load(), failed.Load(), n)
	}
	// The semaphore must still work: a lost wake-up shows here as a hang.
	ctx, cancel := storm.Context(t)
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
