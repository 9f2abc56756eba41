package queuetest

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/anishathalye/porcupine"

	"github.com/conckata/conckata/internal/linearize"
)

// The linearizable property plays linearize.Rounds short histories. In each,
// linGoroutines goroutines make linCalls calls each on a fresh queue of 1 or
// 2 items, and porcupine checks the history against histModel. The
// histories are small because the check is exponential in the calls that
// overlap; many rounds make up for it.
const (
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
	linearize.Play(func(r *linearize.Round) {
		kind, maxsize := []string{"fifo", "lifo", "priority"}[r.N%3], 1+r.N/3%2
		q := newQueue(impl, kind, maxsize)
		playRound(r, q, impl)
		r.Check(t, histModel(kind, maxsize), fmt.Sprintf("round %d, on a %s queue of maxsize %d:", r.N, kind, maxsize))
	})
}

// playRound runs one round's goroutines on q, recording their calls in r.
// Each Put and Get has a ctx of its own (linearize.Ctxs), which another
// goroutine may cancel in a Cancel call.
func playRound(r *linearize.Round, q Queue, impl Impl) {
	ctxs := linearize.NewCtxs(linGoroutines, linCalls)
	defer ctxs.Stop()
	r.Go(linGoroutines, func(g int, rnd *rand.Rand) {
		for i := range linCalls {
			ctxs.Begin(g, i)
			c := drawCall(rnd, g, i)
			if c.op == "Cancel" {
				c.ctx = ctxs.Other(g, rnd)
			}
			done := r.Call(g, c)
			done(play(q, impl, c, ctxs))
		}
	})
}

// newQueue makes a queue of the given kind.
func newQueue(impl Impl, kind string, maxsize int) Queue {
	switch kind {
	case "lifo":
		return impl.NewLIFO(maxsize)
	case "priority":
		return impl.NewPriority(maxsize, byKey)
	}
	return impl.NewFIFO(maxsize)
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
func play(q Queue, impl Impl, c histCall, ctxs *linearize.Ctxs) histResult {
	var v int
	var err error
	switch c.op {
	case "Cancel":
		ctxs.Cancel(c.ctx)
	case "Len":
		v = q.Len()
	case "TryPut":
		err = q.TryPut(c.v)
	case "TryGet":
		v, err = q.TryGet()
	case "Put", "Get":
		ctx, cancel := context.WithTimeout(ctxs.Ctx(c.ctx), linWait)
		defer cancel()
		if c.op == "Put" {
			err = q.Put(ctx, c.v)
		} else {
			v, err = q.Get(ctx)
		}
	}
	return histResult{v: v, err: outcomeOf(err, impl)}
}

// histCall is one call of a linearizable history: its input for porcupine.
type histCall struct {
	op  string // "Put", "TryPut", "Get", "TryGet", "Len" or "Cancel"
	v   int    // the item of a Put or TryPut
	ctx int    // the ctx of a Put or Get, or the ctx a Cancel cancels
}

// histResult is what a call returned: its output for porcupine.
type histResult struct {
	v   int    // the item of a Get or TryGet, or Len's count
	err string // "", or one of the outcomes below
}

// The errors a history tells apart, and "other" for any error that is none
// of them.
const (
	outFull     = "ErrFull"
	outEmpty    = "ErrEmpty"
	outCanceled = "context.Canceled"
	outDeadline = "context.DeadlineExceeded"
)

// outcome names err for the history.
func outcomeOf(err error, impl Impl) string {
	switch {
	case err == nil:
		return ""
	case errors.Is(err, impl.ErrFull):
		return outFull
	case errors.Is(err, impl.ErrEmpty):
		return outEmpty
	case errors.Is(err, context.Canceled):
		return outCanceled
	case errors.Is(err, context.DeadlineExceeded):
		return outDeadline
	}
	return "other: " + err.Error()
}

// histState is the sequential model's state: the items in the order they
// were put, and the ctxs cancelled so far (bit i: ctx i). Steps never modify
// a state's items in place, so that states can share them.
type histState struct {
	items     []int
	cancelled uint64
}

func (s histState) isCancelled(ctx int) bool { return s.cancelled&(1<<ctx) != 0 }

// histModel is the sequential model of a queue of the given kind and of
// maxsize items (> 0), as the linearizable property sees it. A blocking call takes effect at one
// instant where it could go through at once: a Put when there is room, a Get
// when there is an item, and only while its ctx is not cancelled. A blocking
// call that fails with its ctx's error changes nothing: context.Canceled
// only after the Cancel of its ctx, context.DeadlineExceeded at any time
// (expiries are not in the history). The hand-offs to the longest waiter are
// not modelled: a Put handed to a waiting Get is that Put followed at once by
// that Get.
func histModel(kind string, maxsize int) porcupine.Model {
	return porcupine.Model{
		Init: func() any { return histState{} },
		Step: func(state, in, out any) (bool, any) {
			return step(state.(histState), in.(histCall), out.(histResult), kind, maxsize)
		},
		Equal: func(a, b any) bool {
			x, y := a.(histState), b.(histState)
			return x.cancelled == y.cancelled && slices.Equal(x.items, y.items)
		},
		DescribeOperation: func(in, out any) string { return describe(in.(histCall), out.(histResult)) },
		DescribeState: func(state any) string {
			s := state.(histState)
			return fmt.Sprintf("items %v, cancelled ctxs %b", s.items, s.cancelled)
		},
	}
}

func step(s histState, c histCall, r histResult, kind string, maxsize int) (bool, histState) {
	room := len(s.items) < maxsize
	switch {
	case c.op == "Cancel":
		s.cancelled |= 1 << c.ctx
		return true, s
	case c.op == "Len":
		return r.err == "" && r.v == len(s.items), s
	case r.err == outCanceled:
		return (c.op == "Put" || c.op == "Get") && s.isCancelled(c.ctx), s
	case r.err == outDeadline:
		return c.op == "Put" || c.op == "Get", s
	case c.op == "TryPut" && r.err == outFull:
		return !room, s
	case c.op == "TryGet" && r.err == outEmpty:
		return len(s.items) == 0, s
	case r.err != "":
		return false, s
	case c.op == "Put" || c.op == "TryPut":
		if !room || c.op == "Put" && s.isCancelled(c.ctx) {
			return false, s
		}
		s.items = append(slices.Clip(s.items), c.v)
		return true, s
	case len(s.items) == 0 || c.op == "Get" && s.isCancelled(c.ctx):
		return false, s
	default: // a Get or TryGet that returned an item
		i := nextIndex(kind, s.items)
		if s.items[i] != r.v {
			return false, s
		}
		s.items = slices.Delete(slices.Clone(s.items), i, i+1)
		return true, s
	}
}

// nextIndex returns the index in items (in the order they were put, not
// empty) of the item a Get of a queue of the given kind takes.
func nextIndex(kind string, items []int) int {
	i := 0
	switch kind {
	case "lifo":
		i = len(items) - 1
	case "priority":
		for j, w := range items {
			if byKey(w, items[i]) {
				i = j
			}
		}
	}
	return i
}

func describe(c histCall, r histResult) string {
	var b strings.Builder
	switch c.op {
	case "Cancel":
		return fmt.Sprintf("cancel ctx %d", c.ctx)
	case "Put", "TryPut":
		fmt.Fprintf(&b, "%s(%d)", c.op, c.v)
	default:
		b.WriteString(c.op + "()")
	}
	if c.op == "Put" || c.op == "Get" {
		fmt.Fprintf(&b, " with ctx %d", c.ctx)
	}
	switch {
	case r.err != "":
		b.WriteString(" = " + r.err)
	case c.op == "Get" || c.op == "TryGet" || c.op == "Len":
		fmt.Fprintf(&b, " = %d", r.v)
	default:
		b.WriteString(" = nil")
	}
	return b.String()
}
