package pooltest

import (
	"context"
	"errors"
	"math/rand/v2"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// stormTimeout bounds every wait in the storm, so that a pool that loses
// wake-ups fails the property instead of hanging it.
const stormTimeout = 10 * time.Second

func stormKeepsInvariants(t *testing.T, impl Impl) {
	const maxSize = 3
	r := newResources()
	cfg := r.config(1, maxSize)
	errFlaky := errors.New("flaky open")
	var calls atomic.Int64
	cfg.Open = func(ctx context.Context) (int, error) {
		runtime.Gosched() // widen the window between taking a slot and filling it
		if calls.Add(1)%5 == 0 {
			return 0, errFlaky
		}
		return r.open(ctx)
	}
	p, err := impl.New(context.Background(), cfg)
	if err != nil {
		t.Fatalf("New(MinSize 1, MaxSize %d) = %v", maxSize, err)
	}
	bound, cancel := context.WithTimeout(context.Background(), stormTimeout)
	defer cancel()
	// Close comes in the middle of the storm, so that it races releases,
	// acquires, destroys and opens.
	var ops atomic.Int64
	halfway := make(chan struct{})
	var wg sync.WaitGroup
	var closeErr error
	wg.Go(func() {
		select {
		case <-halfway:
		case <-bound.Done():
		}
		closeErr = p.Close(bound)
	})
	for g := range 8 {
		wg.Go(func() {
			rnd := rand.New(rand.NewPCG(uint64(g), 2))
			for range 500 {
				if ops.Add(1) == 8*500/2 {
					close(halfway)
				}
				ctx, cancel := context.WithTimeout(bound, time.Duration(rnd.IntN(100))*time.Microsecond)
				if rnd.IntN(8) == 0 {
					cancel()
				}
				l, err := p.Acquire(ctx)
				cancel()
				if errors.Is(err, impl.ErrClosed) {
					return
				}
				if err != nil {
					continue
				}
				runtime.Gosched()
				if rnd.IntN(5) == 0 {
					l.Destroy()
				} else {
					l.Release()
				}
			}
		})
	}
	wg.Wait()
	if bound.Err() != nil {
		t.Fatalf("the storm and the Close in its middle did not finish within %v", stormTimeout)
	}
	if closeErr != nil {
		t.Errorf("Close in the middle of the storm = %v, want nil", closeErr)
	}
	if _, _, _, most := r.counts(); most > maxSize {
		t.Errorf("%d resources were open or opening at once during the storm, want at most MaxSize %d (puddle 8101c0d)", most, maxSize)
	}
	r.closedOnce(t, "Close in the middle of the storm")
	opened, _, live, _ := r.counts()
	want := Stats{Opened: int64(opened), Closed: int64(opened)}
	got := p.Stats()
	got.Acquires = 0 // how many succeeded is up to the scheduler
	if got != want {
		t.Errorf("Stats() after the storm and Close = %s, want %s: nothing open, as many closed as opened", statsString(got), statsString(want))
	}
	if live != 0 {
		t.Errorf("%d resources were still open after Close", live)
	}
}
