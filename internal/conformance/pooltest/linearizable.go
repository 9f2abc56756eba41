package pooltest

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

// The linearizable property plays linearize.Rounds short histories on fresh
// pools of MaxSize linMaxSize. In each, linGoroutines goroutines make
// linCalls calls each, then release what they hold; two Close calls and an
// Acquire end it.
// Porcupine checks the history, the pool's calls of Open and Close included,
// against histModel. Histories stay small because the check is exponential
// in the calls that overlap; many rounds make up for it.
const (
	linGoroutines = 4
	linCalls      = 6
	linMaxSize    = 2
	// linWait bounds every Acquire, so that a round ends even if the pool
	// loses a wake-up; the model takes an Acquire that timed out as one that
	// did nothing.
	linWait = 2 * time.Millisecond
	// linCloseWait bounds the Close calls at the end of a round, when every
	// lease is back: a pool that cannot drain fails the round, not the suite.
	linCloseWait = time.Second
	// poolClient is the goroutine number, in the history, of the pool's own
	// calls of Config.Open and Config.Close.
	poolClient = linGoroutines
)

func linearizable(t *testing.T, impl Impl) {
	linearize.Play(func(r *linearize.Round) {
		h := &history{rec: r, closes: map[int]int{}}
		minSize := r.N % 2
		p, err := impl.New(context.Background(), h.config(minSize, linMaxSize))
		if err != nil {
			t.Fatalf("New(MinSize %d, MaxSize %d) = %v", minSize, linMaxSize, err)
		}
		h.failing.Store(true)
		h.play(p, impl)
		what := fmt.Sprintf("round %d, on a pool of MinSize %d and MaxSize %d:", r.N, minSize, linMaxSize)
		r.Check(t, histModel(linMaxSize), what)
		h.closedOnce(t, what)
	})
}

// history is one round's record, and the resources whose Open and Close
// calls it records: Open returns 1, 2, 3..., and once failing is set every
// fourth Open fails with errOpen.
type history struct {
	rec     *linearize.Round
	next    atomic.Int64 // the last resource Open returned
	opens   atomic.Int64 // Open calls
	failing atomic.Bool

	mu     sync.Mutex  // protects closes
	closes map[int]int // resource -> Close calls
}

func (h *history) config(minSize, maxSize int) Config {
	return Config{MinSize: minSize, MaxSize: maxSize,
		Open: func(context.Context) (int, error) {
			done := h.rec.Call(poolClient, histCall{op: "Open"})
			if h.opens.Add(1)%4 == 0 && h.failing.Load() {
				done(histResult{err: outOpen})
				return 0, errOpen
			}
			id := int(h.next.Add(1))
			done(histResult{v: id})
			return id, nil
		},
		Close: func(id int) error {
			done := h.rec.Call(poolClient, histCall{op: "Close", id: id})
			h.mu.Lock()
			h.closes[id]++
			h.mu.Unlock()
			done(histResult{})
			return nil
		},
	}
}

// play runs the round's goroutines on p, then closes it twice at once and
// makes one more Acquire. Acquire i of goroutine g has a ctx of its own
// (linearize.Ctxs), which another goroutine may cancel in a Cancel call.
func (h *history) play(p Pool, impl Impl) {
	ctxs := linearize.NewCtxs(linGoroutines, linCalls)
	defer ctxs.Stop()
	h.rec.Go(linGoroutines, func(g int, rnd *rand.Rand) {
		var held []Lease
		for i := range linCalls {
			n := ctxs.Begin(g, i)
			switch k := rnd.IntN(10); {
			case len(held) > 0 && (k < 3 || len(held) == 2 && k < 7):
				j := rnd.IntN(len(held))
				h.drop(g, held[j], k == 0)
				held = append(held[:j], held[j+1:]...)
			case k < 7:
				if l := h.acquire(p, impl, g, n, ctxs.Ctx(n)); l != nil {
					held = append(held, l)
				}
			case k == 7:
				done := h.rec.Call(g, histCall{op: "Stats"})
				done(histResult{v: int(p.Stats().Acquires)})
			default:
				c := histCall{op: "Cancel", ctx: ctxs.Other(g, rnd)}
				done := h.rec.Call(g, c)
				ctxs.Cancel(c.ctx)
				done(histResult{})
			}
		}
		for _, l := range held {
			h.drop(g, l, false)
		}
	})
	var wg sync.WaitGroup
	for g := range 2 {
		wg.Go(func() {
			ctx, cancel := context.WithTimeout(context.Background(), linCloseWait)
			defer cancel()
			done := h.rec.Call(g, histCall{op: "ClosePool"})
			done(histResult{err: outcomeOf(p.Close(ctx), impl)})
		})
	}
	wg.Wait()
	h.acquire(p, impl, 0, linGoroutines*linCalls, context.Background())
}

// acquire records an Acquire with ctx number n, bounded by linWait, and
// returns the lease, or nil.
func (h *history) acquire(p Pool, impl Impl, g, n int, parent context.Context) Lease {
	ctx, cancel := context.WithTimeout(parent, linWait)
	defer cancel()
	done := h.rec.Call(g, histCall{op: "Acquire", ctx: n})
	l, err := p.Acquire(ctx)
	r := histResult{err: outcomeOf(err, impl)}
	if err == nil {
		r.v = l.Value()
	}
	done(r)
	return l
}

// drop records the Release, or Destroy, of l.
func (h *history) drop(g int, l Lease, destroy bool) {
	c := histCall{op: "Release", id: l.Value()}
	if destroy {
		c.op = "Destroy"
	}
	done := h.rec.Call(g, c)
	if destroy {
		l.Destroy()
	} else {
		l.Release()
	}
	done(histResult{})
}

// closedOnce checks that, the pool closed, every resource opened was closed
// exactly once: a count porcupine cannot see, as it checks steps, not ends.
func (h *history) closedOnce(t *testing.T, what string) {
	t.Helper()
	h.mu.Lock()
	defer h.mu.Unlock()
	for id := 1; id <= int(h.next.Load()); id++ {
		if n := h.closes[id]; n != 1 {
			t.Fatalf("%s after Close, resource %d was closed %d times, want exactly once", what, id, n)
		}
	}
}
