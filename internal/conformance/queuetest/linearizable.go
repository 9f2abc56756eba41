package queuetest

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/conckata/conckata/internal/linearize"
)

// The linearizable property plays linRounds short histories. In each,
// linGoroutines goroutines make linCalls calls each on a fresh queue of 1 or
// 2 items, and porcupine checks the history against histModel. The
// histories are small because the check is exponential in the calls that
// overlap; many rounds make up for it.
const (
	linRounds     = 40
	linGoroutines = 4
	linCalls      = 6
	// linWait bounds every blocking call, so that a Get left with no Put to
	// serve it (or a queue that loses a wake-up) ends the round instead of
	// hanging it: the model takes a call that timed out as one that did
	// nothing.
	linWait = 2 * time.Millisecond
)

// linearizable cycles through the kinds and sizes of queue; each round has a
// fresh one.
func linearizable(t *testing.T, impl Impl) {
	for round := range linRounds {
		kind, maxsize := []string{"fifo", "lifo", "priority"}[round%3], 1+round/3%2
		q := newQueue(impl, kind, maxsize)
		r := playRound(q, impl, round)
		linearize.Check(roundTB{t, fmt.Sprintf("round %d, on a %s queue of maxsize %d:", round, kind, maxsize)}, histModel(kind, maxsize), r)
	}
}

// roundTB prefixes linearize.Check's failure with the round it is about.
type roundTB struct {
	testing.TB
	prefix string
}

func (r roundTB) Fatal(args ...any) {
	r.TB.Helper()
	r.TB.Fatal(append([]any{r.prefix}, args...)...)
}

// playRound runs one round's goroutines on q and returns their history. Each
// Put and Get has a ctx of its own, numbered: ctx g*linCalls+i for the i-th
// call of goroutine g, which another goroutine may cancel in a Cancel call:
// the ctx of the call that goroutine is making at the time, which may be
// waiting on it.
func playRound(q Queue, impl Impl, round int) *linearize.Recorder {
	var r linearize.Recorder
	var current [linGoroutines]atomic.Int32 // the call each goroutine is making
	n := linGoroutines * linCalls
	ctxs := make([]context.Context, n)
	cancels := make([]context.CancelFunc, n)
	for i := range ctxs {
		ctxs[i], cancels[i] = context.WithCancel(context.Background())
	}
	defer func() {
		for _, cancel := range cancels {
			cancel()
		}
	}()
	var wg sync.WaitGroup
	for g := range linGoroutines {
		wg.Go(func() {
			rnd := rand.New(rand.NewPCG(uint64(round), uint64(g)))
			for i := range linCalls {
				current[g].Store(int32(i))
				c := drawCall(rnd, g, i)
				if c.op == "Cancel" {
					other := (g + 1 + rnd.IntN(linGoroutines-1)) % linGoroutines
					c.ctx = other*linCalls + int(current[other].Load())
				}
				done := r.Call(g, c)
				done(play(q, impl, c, ctxs, cancels))
			}
		})
	}
	wg.Wait()
	return &r
}

// drawCall draws the i-th call of goroutine g: mostly Puts and Gets, so that
// they serve each other, and some of everything else.
func drawCall(rnd *rand.Rand, g, i int) histCall {
	// Unique items, with keys 0..2 so that a priority queue has ties.
	c := histCall{ctx: g*linCalls + i, v: rnd.IntN(3)*keyed + 1 + g*linCalls + i}
	switch k := rnd.IntN(10); {
	case k < 3:
		c.op = "Put"
	case k < 6:
		c.op = "Get"
	case k == 6:
		c.op = "TryPut"
	case k == 7:
		c.op = "TryGet"
	case k == 8:
		c.op = "Len"
	default:
		c.op = "Cancel" // playRound picks the ctx
	}
	return c
}

// play makes call c on q and returns its result.
func play(q Queue, impl Impl, c histCall, ctxs []context.Context, cancels []context.CancelFunc) histResult {
	var v int
	var err error
	switch c.op {
	case "Cancel":
		cancels[c.ctx]()
	case "Len":
		v = q.Len()
	case "TryPut":
		err = q.TryPut(c.v)
	case "TryGet":
		v, err = q.TryGet()
	case "Put", "Get":
		ctx, cancel := context.WithTimeout(ctxs[c.ctx], linWait)
		defer cancel()
		if c.op == "Put" {
			err = q.Put(ctx, c.v)
		} else {
			v, err = q.Get(ctx)
		}
	}
	return histResult{v: v, err: outcomeOf(err, impl)}
}
