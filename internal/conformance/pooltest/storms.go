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
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			rnd := rand.New(rand.NewPCG(uint64(g), 2))
			for range 250 {
				ctx, cancel := context.WithTimeout(bound, time.Duration(rnd.IntN(100))*time.Microsecond)
				if rnd.IntN(8) == 0 {
					cancel()
				}
				l, err := p.Acquire(ctx)
				cancel()
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
		t.Fatalf("the storm did not finish within %v", stormTimeout)
	}
	if _, _, _, most := r.counts(); most > maxSize {
		t.Errorf("%d resources were open or opening at once during the storm, want at most MaxSize %d (puddle 8101c0d)", most, maxSize)
	}
	if s := p.Stats(); s.InUse != 0 || s.Waiting != 0 || s.Open != s.Idle || s.Open > maxSize {
		t.Errorf("Stats() after the storm, with every lease back = %s, want none in use or waiting and at most %d open", statsString(s), maxSize)
	}
	if err := p.Close(bound); err != nil {
		t.Fatalf("Close after the storm = %v, want nil", err)
	}
	r.closedOnce(t, "Close after the storm")
	opened, _, live, _ := r.counts()
	if s := p.Stats(); s.Opened != int64(opened) || s.Closed != s.Opened || s.Open != 0 {
		t.Errorf("Stats() after Close = %s, want Opened = Closed = %d and nothing open", statsString(s), opened)
	}
	if live != 0 {
		t.Errorf("%d resources were still open after Close", live)
	}
}
