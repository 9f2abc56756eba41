package storm

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/conckata/conckata/internal/harness"
)

func TestMain(m *testing.M) { harness.Main(m) }

func TestRunGivesEachGoroutineItsOwnSeededSource(t *testing.T) {
	firsts := make([]uint64, 4)
	var calls atomic.Int64
	Run(t, 4, 9, "a body never returned", func(ctx context.Context, g int, r *rand.Rand) {
		calls.Add(1)
		firsts[g] = r.Uint64()
		if ctx.Err() != nil {
			t.Errorf("goroutine %d: the storm's ctx is done at its start: %v", g, ctx.Err())
		}
	})
	if calls.Load() != 4 {
		t.Fatalf("Run(4 goroutines) called the body %d times", calls.Load())
	}
	for g, v := range firsts {
		if want := rand.New(rand.NewPCG(uint64(g), 9)).Uint64(); v != want {
			t.Errorf("goroutine %d drew %d first, want %d from its source seeded (%d, 9)", g, v, want, g)
		}
	}
}

func TestWaitReportsAWaitGroupThatEnds(t *testing.T) {
	var wg sync.WaitGroup
	release := make(chan struct{})
	wg.Go(func() { <-release })
	close(release)
	if !Wait(&wg) {
		t.Fatal("Wait reported that a WaitGroup whose goroutine returned did not end")
	}
}

func TestHighWaterRemembersTheMostInsideAtOnce(t *testing.T) {
	var h HighWater
	h.Enter()
	h.Enter()
	if n := h.Enter(); n != 3 {
		t.Fatalf("third Enter returned %d, want 3", n)
	}
	h.Leave()
	h.Leave()
	h.Enter()
	if h.Now() != 2 || h.Most() != 3 {
		t.Fatalf("after 3 in, 2 out, 1 in: Now()=%d Most()=%d, want 2 and 3", h.Now(), h.Most())
	}
	var wg, entered sync.WaitGroup
	var fresh HighWater
	gate := make(chan struct{})
	entered.Add(8)
	for range 8 {
		wg.Go(func() {
			fresh.Enter()
			entered.Done()
			<-gate
			fresh.Leave()
		})
	}
	entered.Wait()
	close(gate)
	wg.Wait()
	if fresh.Most() != 8 || fresh.Now() != 0 {
		t.Fatalf("8 goroutines inside at once: Most()=%d Now()=%d after they left, want 8 and 0", fresh.Most(), fresh.Now())
	}
}

// fatalRecorder is a testing.TB whose Fatalf records the message and returns.
type fatalRecorder struct {
	testing.TB
	msg string
}

func (f *fatalRecorder) Fatalf(format string, args ...any) { f.msg = fmt.Sprintf(format, args...) }

// A storm whose goroutine never returns fails with the sentence it was given,
// after Timeout on the bubble's clock, without waiting for the goroutine.
func TestRunFailsAStormThatDoesNotFinish(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		never := make(chan struct{})
		defer close(never)
		rec := &fatalRecorder{TB: t}
		start := time.Now()
		Run(rec, 2, 1, "an Acquire was never woken", func(ctx context.Context, g int, r *rand.Rand) {
			if g == 1 {
				<-never // ignores ctx: a broken implementation
			}
		})
		if want := "the storm did not finish within 5s: an Acquire was never woken"; rec.msg != want {
			t.Errorf("Run's failure = %q, want %q", rec.msg, want)
		}
		if d := time.Since(start); d != Timeout+time.Second {
			t.Errorf("Run gave up after %v, want %v", d, Timeout+time.Second)
		}
	})
}

func TestShortCtxExpiresSoonOrIsCancelled(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		r := rand.New(rand.NewPCG(1, 2))
		cancelled := 0
		for range 200 {
			start := time.Now()
			ctx, cancel := ShortCtx(t.Context(), r, 50*time.Microsecond)
			if ctx.Err() != nil {
				cancelled++
			}
			<-ctx.Done()
			if waited := time.Since(start); waited >= 50*time.Microsecond {
				t.Fatalf("ShortCtx(most 50µs) was done after %v, want less than 50µs", waited)
			}
			cancel()
		}
		if cancelled == 0 || cancelled > 60 {
			t.Errorf("ShortCtx returned %d ctxs already cancelled of 200, want about one in eight", cancelled)
		}
	})
}
