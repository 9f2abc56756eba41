package linearize

import (
	"context"
	"errors"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/anishathalye/porcupine"
)

// A linearizable property plays many short rounds rather than one long
// history, because checking a history is exponential in the calls in
// progress at once. Each round is a Round: goroutines that make random calls
// on a fresh instance (Go), a Recorder of their calls, and the check of the
// history against the kata's model (Check).

// StuckAfter bounds every blocking call made with Blocking: in a round, a
// goroutine blocks only while another holds what it waits for, and no holder
// blocks, so a correct implementation serves it in microseconds.
const StuckAfter = 2 * time.Second

var errStuck = errors.New("linearize: a blocking call waited for the whole round")

// Round is one history of a linearizable property: its Recorder, and the
// blocking calls in progress whose ctx another goroutine may cancel.
type Round struct {
	Recorder
	N int // the round's number, from 0: it seeds the goroutines' sources

	mu      sync.Mutex // protects the fields below
	nextID  int
	pending map[int]pendingCall // by id
	stuck   bool                // a blocking call reached StuckAfter
}

type pendingCall struct {
	g      int // the goroutine making the call
	cancel context.CancelFunc
}

// Rounds is how many rounds a linearizable property plays: the histories are
// small because the check is exponential in the calls that overlap, and many
// rounds make up for it.
const Rounds = 40

// Play plays Rounds rounds, each a fresh Round given to play, numbered from 0.
func Play(play func(r *Round)) {
	for n := range Rounds {
		play(&Round{N: n, pending: map[int]pendingCall{}})
	}
}

// Go runs worker in goroutines goroutines, goroutine g with a source seeded
// with (the round, g), and waits for them all.
func (r *Round) Go(goroutines int, worker func(g int, rnd *rand.Rand)) {
	r.run(goroutines, false, worker)
}

// GoTogether is Go with goroutines that start together, so that their calls
// overlap: a goroutine that has just been started takes longer to run than a
// whole sequence of calls.
func (r *Round) GoTogether(goroutines int, worker func(g int, rnd *rand.Rand)) {
	r.run(goroutines, true, worker)
}

func (r *Round) run(goroutines int, together bool, worker func(g int, rnd *rand.Rand)) {
	var wg sync.WaitGroup
	var arrived atomic.Int32
	for g := range goroutines {
		rnd := rand.New(rand.NewPCG(uint64(r.N), uint64(g)))
		wg.Go(func() {
			arrived.Add(1)
			for together && arrived.Load() < int32(goroutines) {
				runtime.Gosched()
			}
			worker(g, rnd)
		})
	}
	wg.Wait()
}

// Check fails t unless the round's history is linearizable with respect to
// model (see the package's Check), prefixing the failure with what, when it
// is not empty ("round 3, on a pool of MinSize 1:").
func (r *Round) Check(t testing.TB, model porcupine.Model, what string) {
	t.Helper()
	if what != "" {
		t = prefixTB{t, what}
	}
	Check(t, model, &r.Recorder)
}

// prefixTB prefixes Check's failure with the round it is about.
type prefixTB struct {
	testing.TB
	prefix string
}

func (p prefixTB) Fatal(args ...any) {
	p.TB.Helper()
	p.TB.Fatal(append([]any{p.prefix}, args...)...)
}

// Blocking draws the ctx of one blocking call of goroutine g, of one of three
// kinds: cancellable by another goroutine (CancelOne), with a deadline of a
// few µs, or cancelled before the call (recorded as a call of g with input
// cancelInput(the call's ID)). Every kind is bounded by StuckAfter. It returns the ctx, what
// the model must know of it, and end, to call once the call has returned.
func (r *Round) Blocking(g int, rnd *rand.Rand, cancelInput func(id int) any) (ctx context.Context, c Ctx, end func()) {
	ctx, cancel := context.WithTimeoutCause(context.Background(), StuckAfter, errStuck)
	r.mu.Lock()
	c.ID = r.nextID
	r.nextID++
	r.mu.Unlock()
	ends := []func(){cancel}
	switch rnd.IntN(5) {
	case 0, 1:
		c.Kind = "ctx cancellable by another goroutine"
		r.setPending(c.ID, pendingCall{g, cancel})
		ends = append(ends, func() { r.setPending(c.ID, pendingCall{}) })
	case 2, 3:
		c.Kind, c.Deadline = "ctx with a deadline of a few µs", true
		var cancelShort context.CancelFunc
		ctx, cancelShort = context.WithTimeout(ctx, time.Duration(rnd.IntN(50))*time.Microsecond)
		ends = append(ends, cancelShort)
	default:
		c.Kind, c.DoneAtEntry = "ctx cancelled before the call", true
		done := r.Call(g, cancelInput(c.ID))
		cancel()
		done(nil)
	}
	return ctx, c, func() {
		if errors.Is(context.Cause(ctx), errStuck) {
			r.mu.Lock()
			r.stuck = true
			r.mu.Unlock()
		}
		for _, end := range slices.Backward(ends) {
			end()
		}
	}
}

// Stuck reports whether a blocking call of the round waited StuckAfter: a lost
// wake-up, which the property reports before it checks the history.
func (r *Round) Stuck() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.stuck
}

// setPending records a cancellable call in progress, or forgets it when p
// has no cancel.
func (r *Round) setPending(id int, p pendingCall) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if p.cancel == nil {
		delete(r.pending, id)
	} else {
		r.pending[id] = p
	}
}

// CancelOne cancels the ctx of one blocking call that another goroutine than
// g has in progress, if there is one, and records it as a call of g with
// input cancelInput(id).
func (r *Round) CancelOne(g int, rnd *rand.Rand, cancelInput func(id int) any) {
	r.mu.Lock()
	var ids []int
	for id, p := range r.pending {
		if p.g != g {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		r.mu.Unlock()
		return
	}
	slices.Sort(ids)
	id := ids[rnd.IntN(len(ids))]
	cancel := r.pending[id].cancel
	r.mu.Unlock()
	done := r.Call(g, cancelInput(id))
	cancel()
	done(nil)
}

// Ctxs are the ctxs of a round in which every call of every goroutine has a
// ctx of its own, numbered: ctx g*calls+i for the i-th call of goroutine g.
// A goroutine may cancel another's: the ctx of the call that goroutine is
// making at the time, which may be waiting on it.
type Ctxs struct {
	calls   int
	ctxs    []context.Context
	cancels []context.CancelFunc
	current []atomic.Int32 // the call each goroutine is making
}

// NewCtxs makes the ctxs of goroutines goroutines making calls calls each.
// Stop cancels them all.
func NewCtxs(goroutines, calls int) *Ctxs {
	c := &Ctxs{calls: calls, ctxs: make([]context.Context, goroutines*calls),
		cancels: make([]context.CancelFunc, goroutines*calls), current: make([]atomic.Int32, goroutines)}
	for i := range c.ctxs {
		c.ctxs[i], c.cancels[i] = context.WithCancel(context.Background())
	}
	return c
}

// Begin says that goroutine g makes its i-th call, and returns the number of
// that call's ctx.
func (c *Ctxs) Begin(g, i int) int {
	c.current[g].Store(int32(i))
	return g*c.calls + i
}

// Other draws a goroutine other than g, and returns the number of the ctx of
// the call it is making.
func (c *Ctxs) Other(g int, rnd *rand.Rand) int {
	n := len(c.current)
	other := (g + 1 + rnd.IntN(n-1)) % n
	return other*c.calls + int(c.current[other].Load())
}

// Ctx returns ctx number n.
func (c *Ctxs) Ctx(n int) context.Context { return c.ctxs[n] }

// Cancel cancels ctx number n.
func (c *Ctxs) Cancel(n int) { c.cancels[n]() }

// Stop cancels every ctx.
func (c *Ctxs) Stop() {
	for _, cancel := range c.cancels {
		cancel()
	}
}
