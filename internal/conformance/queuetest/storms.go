package queuetest

import (
	"context"
	"math/rand/v2"
	"sync/atomic"
	"testing"
	"time"

	"github.com/conckata/conckata/internal/storm"
)

func stormDeliversEachItemOnce(t *testing.T, impl Impl) {
	// Producers Put their own items and consumers Get as many as they can,
	// every call with a short deadline or a ctx already cancelled.
	const stormProducers, stormConsumers, stormPerProducer = 4, 4, 200
	q := impl.NewFIFO(4)
	var put [stormProducers * stormPerProducer]atomic.Bool // put[v]: Put(v) returned nil
	got := make([][]int, stormProducers+stormConsumers)    // got[g]: what consumer g got
	var producing atomic.Int64                             // producers not yet done
	producing.Store(stormProducers)
	storm.Run(t, stormProducers+stormConsumers, 1, "a Put or Get was never woken", func(ctx context.Context, g int, r *rand.Rand) {
		if g < stormProducers {
			defer producing.Add(-1)
			for i := range stormPerProducer {
				v := g*stormPerProducer + i
				put[v].Store(withShortCtx(ctx, r, func(ctx context.Context) error { return q.Put(ctx, v) }) == nil)
			}
			return
		}
		for ctx.Err() == nil {
			var v int
			err := withShortCtx(ctx, r, func(ctx context.Context) (err error) {
				v, err = q.Get(ctx)
				return err
			})
			if err == nil {
				got[g] = append(got[g], v)
			} else if producing.Load() == 0 {
				return
			}
		}
	})
	rest, _ := drain(q, 10*len(put))
	checkEachOnce(t, put[:], append(got, rest))
}

// withShortCtx calls f with a storm.ShortCtx of at most 50µs.
func withShortCtx(stormCtx context.Context, r *rand.Rand, f func(ctx context.Context) error) error {
	ctx, cancel := storm.ShortCtx(stormCtx, r, 50*time.Microsecond)
	defer cancel()
	return f(ctx)
}

// checkEachOnce checks that the items got are exactly those whose Put
// returned nil, each once.
func checkEachOnce(t *testing.T, put []atomic.Bool, got [][]int) {
	t.Helper()
	seen := make(map[int]int)
	for _, vs := range got {
		for _, v := range vs {
			seen[v]++
		}
	}
	var lost, extra, twice []int
	for v := range seen {
		if v < 0 || v >= len(put) {
			extra = append(extra, v) // never put at all
		}
	}
	for v := range put {
		switch n := seen[v]; {
		case put[v].Load() && n == 0:
			lost = append(lost, v)
		case !put[v].Load() && n > 0:
			extra = append(extra, v)
		case n > 1:
			twice = append(twice, v)
		}
	}
	if len(lost)+len(extra)+len(twice) > 0 {
		t.Errorf("after a storm of %d Puts and as many Gets as it took, many with expiring ctxs: items whose Put returned nil but no one got: %v; items whose Put failed but were got: %v; items got more than once: %v; want none of each (a cancelled Get swallowed an item, or a cancelled Put inserted one)",
			len(put), lost, extra, twice)
	}
}
