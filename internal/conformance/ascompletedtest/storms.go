package ascompletedtest

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// stormTimeout bounds the storm, so that an implementation that loses a
// result or waits for a function it never cancelled fails the property
// instead of hanging it.
const stormTimeout = 10 * time.Second

func stormYieldsOnceAndLeavesNothing(t *testing.T, impl Impl) {
	ctx, cancel := context.WithTimeout(context.Background(), stormTimeout)
	defer cancel()
	var wg sync.WaitGroup
	var yields, breaks, expiries atomic.Int64
	for g := range 4 {
		wg.Go(func() {
			r := rand.New(rand.NewPCG(uint64(g), 7))
			for round := range 60 {
				if ctx.Err() != nil {
					return
				}
				if err := stormRound(ctx, impl, r, &yields, &breaks, &expiries); err != nil {
					t.Errorf("storm goroutine %d, round %d: %v", g, round, err)
					return
				}
			}
		})
	}
	ended := make(chan struct{})
	go func() { wg.Wait(); close(ended) }()
	select {
	case <-ended:
	case <-time.After(stormTimeout + 5*time.Second):
		t.Fatalf("the storm did not end within %v: a loop never ended, though every function returns once its ctx is done", stormTimeout+5*time.Second)
	}
	if ctx.Err() != nil {
		t.Fatalf("the storm did not end within %v: a loop waited for a function it never cancelled, or for a result never yielded", stormTimeout)
	}
	t.Logf("storm: %d yields, %d breaks, %d expired ctxs", yields.Load(), breaks.Load(), expiries.Load())
}

// stormRound ranges once over AsCompleted of up to 40 functions that work
// for a few microseconds, some failing, with a ctx that may expire at once,
// breaking out at a random yield or not at all.
func stormRound(storm context.Context, impl Impl, r *rand.Rand, yields, breaks, expiries *atomic.Int64) error {
	n := r.IntN(40)
	ctx, cancel := context.WithCancel(storm)
	if r.IntN(3) == 0 {
		ctx, cancel = context.WithTimeout(storm, time.Duration(r.IntN(100))*time.Microsecond)
	}
	defer cancel()
	var running atomic.Int64
	fns := make([]Func, n)
	for i := range fns {
		spins, fails := r.IntN(20), r.IntN(4) == 0
		fns[i] = func(ctx context.Context) (int, error) {
			running.Add(1)
			defer running.Add(-1)
			for range spins {
				if ctx.Err() != nil {
					return 0, ctx.Err()
				}
				runtime.Gosched()
			}
			if fails {
				return 0, fmt.Errorf("function %d: %w", i, errBoom)
			}
			return i, nil
		}
	}
	stopAt := n // the yields after which the loop ends, by a break or not
	if n > 0 && r.IntN(2) == 0 {
		stopAt = 1 + r.IntN(n)
	}
	seen := make([]bool, n)
	count := 0
	for v, err := range impl.AsCompleted(ctx, fns...) {
		count++
		switch {
		case count > n:
			return fmt.Errorf("AsCompleted of %d functions yielded a result number %d", n, count)
		case err == nil && (v < 0 || v >= n || seen[v]):
			return fmt.Errorf("AsCompleted of %d functions returning their index yielded %d, which was yielded before or returned by no function", n, v)
		case err == nil:
			seen[v] = true
		case v != 0 || !errors.Is(err, errBoom) && !errors.Is(err, ctx.Err()):
			return fmt.Errorf("yielded (%d, %v), want (i, nil), (0, an error wrapping %v) or (0, ctx.Err() = %v)", v, err, errBoom, ctx.Err())
		}
		if count == stopAt {
			breaks.Add(1)
			break
		}
	}
	yields.Add(int64(count))
	if ctx.Err() != nil && storm.Err() == nil {
		expiries.Add(1)
	}
	if count != stopAt {
		return fmt.Errorf("AsCompleted of %d functions yielded %d results before the loop ended, want %d (ctx error: %v)", n, count, stopAt, ctx.Err())
	}
	if k := running.Load(); k > 0 {
		return fmt.Errorf("after a loop over AsCompleted of %d functions that stopped after %d yields, %d functions were still running, want none", n, count, k)
	}
	return nil
}
