package pooltest

import (
	"context"
	"errors"
	"math/rand/v2"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"github.com/conckata/conckata/internal/storm"
)

// The storm: goroutines acquiring, cancelling, releasing and destroying
// leases, every fifth Open failing, and a Close in the middle.
const stormGoroutines, stormOpsEach, stormMaxSize = 8, 500, 3

func stormKeepsInvariants(t *testing.T, impl Impl) {
	r := newResources()
	p, err := impl.New(context.Background(), flakyConfig(r, stormMaxSize))
	if err != nil {
		t.Fatalf("New(MinSize 1, MaxSize %d) = %v", stormMaxSize, err)
	}
	if err := stormWithClose(t, impl, p); err != nil {
		t.Errorf("Close in the middle of the storm = %v, want nil", err)
	}
	if _, _, _, most := r.counts(); most > stormMaxSize {
		t.Errorf("%d resources were open or opening at once during the storm, want at most MaxSize %d (puddle 8101c0d)", most, stormMaxSize)
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

// flakyConfig is r's config of MinSize 1 whose every fifth Open fails, and
// every Open yields first, to widen the window between taking a slot and
// filling it.
func flakyConfig(r *resources, maxSize int) Config {
	cfg := r.config(1, maxSize)
	errFlaky := errors.New("flaky open")
	var calls atomic.Int64
	cfg.Open = func(ctx context.Context) (int, error) {
		runtime.Gosched()
		if calls.Add(1)%5 == 0 {
			return 0, errFlaky
		}
		return r.open(ctx)
	}
	return cfg
}

// stormWithClose runs the storm on p, with a Close once half of its
// operations have begun, so that it races releases, acquires, destroys and
// opens; it returns Close's error.
func stormWithClose(t *testing.T, impl Impl, p Pool) error {
	t.Helper()
	var ops atomic.Int64
	halfway := make(chan struct{})
	var closeErr error
	storm.Run(t, stormGoroutines+1, 2, "an Acquire was never woken, or the Close in its middle never returned", func(ctx context.Context, g int, rnd *rand.Rand) {
		if g == stormGoroutines {
			select {
			case <-halfway:
			case <-ctx.Done():
			}
			closeErr = p.Close(ctx)
			return
		}
		for range stormOpsEach {
			if ops.Add(1) == stormGoroutines*stormOpsEach/2 {
				close(halfway)
			}
			if errors.Is(leaseOnce(ctx, p, rnd), impl.ErrClosed) {
				return
			}
		}
	})
	return closeErr
}

// leaseOnce acquires with a storm.ShortCtx of at most 100µs, and releases
// or destroys what it got; it returns Acquire's error.
func leaseOnce(stormCtx context.Context, p Pool, rnd *rand.Rand) error {
	ctx, cancel := storm.ShortCtx(stormCtx, rnd, 100*time.Microsecond)
	l, err := p.Acquire(ctx)
	cancel()
	if err != nil {
		return err
	}
	runtime.Gosched()
	if rnd.IntN(5) == 0 {
		l.Destroy()
	} else {
		l.Release()
	}
	return nil
}
