package queuetest

import (
	"context"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// stormTimeout bounds the storm, so that a queue that loses wake-ups fails
// the property instead of hanging it.
const stormTimeout = 10 * time.Second

func stormDeliversEachItemOnce(t *testing.T, impl Impl) {
	const producers, consumers, perProducer = 4, 4, 200
	q := impl.NewFIFO(4)
	storm, cancel := context.WithTimeout(t.Context(), stormTimeout)
	defer cancel()
	// Short deadlines make hand-offs and expiries collide often.
	opCtx := func(r *rand.Rand) (context.Context, context.CancelFunc) {
		ctx, cancel := context.WithTimeout(storm, time.Duration(r.IntN(50))*time.Microsecond)
		if r.IntN(8) == 0 {
			cancel()
		}
		return ctx, cancel
	}

	var put [producers * perProducer]atomic.Bool // put[v]: Put(v) returned nil
	var producing sync.WaitGroup
	for g := range producers {
		producing.Go(func() {
			r := rand.New(rand.NewPCG(uint64(g), 1))
			for i := range perProducer {
				v := g*perProducer + i
				ctx, cancel := opCtx(r)
				put[v].Store(q.Put(ctx, v) == nil)
				cancel()
			}
		})
	}
	var stop atomic.Bool
	got := make([][]int, consumers)
	var consuming sync.WaitGroup
	for g := range consumers {
		consuming.Go(func() {
			r := rand.New(rand.NewPCG(uint64(g), 2))
			for storm.Err() == nil {
				ctx, cancel := opCtx(r)
				v, err := q.Get(ctx)
				cancel()
				if err == nil {
					got[g] = append(got[g], v)
				} else if stop.Load() {
					return
				}
			}
		})
	}
	producing.Wait()
	stop.Store(true)
	consuming.Wait()
	if storm.Err() != nil {
		t.Fatalf("the storm did not finish within %v: a Put or Get was never woken", stormTimeout)
	}
	rest, _ := drain(q, 10*producers*perProducer)

	seen := make(map[int]int)
	for _, vs := range append(got, rest) {
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
			producers*perProducer, lost, extra, twice)
	}
}
