package ascompletedtest

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"sync/atomic"
	"testing"
	"time"

	"github.com/conckata/conckata/internal/storm"
	"github.com/conckata/conckata/internal/taskfake"
)

func stormYieldsOnceAndLeavesNothing(t *testing.T, impl Impl) {
	var yields, breaks, expiries atomic.Int64
	stuck := "a loop never ended, though every function returns once its ctx is done: it waited for a function it never cancelled, or for a result never yielded"
	storm.Run(t, 4, 7, stuck, func(ctx context.Context, g int, r *rand.Rand) {
		for round := 0; round < 60 && ctx.Err() == nil; round++ {
			if err := stormRound(ctx, impl, r, &yields, &breaks, &expiries); err != nil {
				t.Errorf("storm goroutine %d, round %d: %v", g, round, err)
				return
			}
		}
	})
	t.Logf("storm: %d yields, %d breaks, %d expired ctxs", yields.Load(), breaks.Load(), expiries.Load())
}

// stormRound ranges once over AsCompleted of up to 40 functions that work
// for a few microseconds, some failing, with a ctx that may expire at once,
// breaking out at a random yield or not at all.
func stormRound(parent context.Context, impl Impl, r *rand.Rand, yields, breaks, expiries *atomic.Int64) error {
	n := r.IntN(40)
	ctx, cancel := context.WithCancel(parent)
	if r.IntN(3) == 0 {
		ctx, cancel = context.WithTimeout(parent, time.Duration(r.IntN(100))*time.Microsecond)
	}
	defer cancel()
	var running atomic.Int64
	fns := make([]Func, n)
	for i := range fns {
		spins, fails := r.IntN(20), r.IntN(4) == 0
		fns[i] = func(ctx context.Context) (int, error) {
			running.Add(1)
			defer running.Add(-1)
			if err := taskfake.Spin(ctx, spins); err != nil {
				return 0, err
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
	if ctx.Err() != nil && parent.Err() == nil {
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
