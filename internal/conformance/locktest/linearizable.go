package locktest

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

	"github.com/conckata/conckata/internal/linearize"
)

// The linearizable property: a few goroutines make short random sequences of
// calls on one Mutex at once, every call is recorded, and the history is
// checked against the sequential model (history.go). Histories stay small,
// because checking them is exponential in the calls in progress at once, and
// the property repeats them over many rounds instead.
const (
	historyRounds  = 40
	historyWorkers = 3
	historyCalls   = 8 // per goroutine, besides the final Unlock
	// stuckAfter bounds every Lock: in a round, a goroutine blocks only while
	// another holds the lock, and no holder blocks, so a correct Mutex hands
	// it over in microseconds.
	stuckAfter = 2 * time.Second
)

var errStuck = errors.New("locktest: Lock waited for the whole round")

// history is one round: the Mutex, the recorder, and the cancellable Locks in
// progress, which the goroutines cancel for one another.
type history struct {
	m Mutex
	r linearize.Recorder

	mu      sync.Mutex // protects the fields below
	nextID  int
	pending map[int]pendingCall // by id
	stuck   bool                // a Lock reached stuckAfter
}

type pendingCall struct {
	g      int // the goroutine making the call
	cancel context.CancelFunc
}

func linearizable(t *testing.T, impl Impl) {
	for round := range historyRounds {
		h := &history{m: impl.New(), pending: map[int]pendingCall{}}
		var wg sync.WaitGroup
		var arrived atomic.Int32
		for g := range historyWorkers {
			rnd := rand.New(rand.NewPCG(uint64(round), uint64(g)))
			wg.Go(func() {
				// Start together, so that the calls overlap: a goroutine
				// that has just been started takes longer to run than a
				// whole sequence of calls.
				arrived.Add(1)
				for arrived.Load() < historyWorkers {
					runtime.Gosched()
				}
				h.worker(g, rnd)
			})
		}
		wg.Wait()
		if h.stuck {
			t.Fatalf("round %d: a Lock still waited after %v, although every other goroutine had unlocked: a lost wake-up", round, stuckAfter)
		}
		locked := h.r.Call(historyWorkers, input{kind: opLocked})
		locked(h.m.Locked())
		linearize.Check(t, lockModel, &h.r)
	}
}

// worker makes historyCalls random calls as goroutine g, then unlocks if it
// holds the lock. It blocks in Lock only while holding nothing, so that no two
// goroutines can wait for each other.
func (h *history) worker(g int, rnd *rand.Rand) {
	held := false
	for range historyCalls {
		switch x := rnd.IntN(8); {
		case x < 2 && !held:
			done := h.r.Call(g, input{kind: opTryLock})
			held = h.m.TryLock()
			done(held)
		case x < 5 && !held:
			held = h.lock(g, rnd)
		case x < 6:
			done := h.r.Call(g, input{kind: opLocked})
			done(h.m.Locked())
		case x < 7 && held:
			h.unlock(g)
			held = false
		default:
			// A cancellation, then at once an Unlock that may hand the lock
			// to the cancelled call: it must go past it.
			h.cancelOne(g, rnd)
			if held {
				h.unlock(g)
				held = false
			}
		}
	}
	if held {
		h.unlock(g)
	}
}

// lock makes one Lock, with a ctx that another goroutine may cancel, or with
// a deadline of a few microseconds, or cancelled before the call.
func (h *history) lock(g int, rnd *rand.Rand) bool {
	ctx, cancel := context.WithTimeoutCause(context.Background(), stuckAfter, errStuck)
	defer cancel()
	h.mu.Lock()
	id := h.nextID
	h.nextID++
	h.mu.Unlock()
	in := input{kind: opLock, id: id}
	switch rnd.IntN(5) {
	case 0, 1:
		in.ctx = "ctx cancellable by another goroutine"
		h.setPending(id, pendingCall{g, cancel})
		defer h.setPending(id, pendingCall{})
	case 2, 3:
		in.ctx, in.deadline = "ctx with a deadline of a few µs", true
		var cancelShort context.CancelFunc
		ctx, cancelShort = context.WithTimeout(ctx, time.Duration(rnd.IntN(50))*time.Microsecond)
		defer cancelShort()
	default:
		in.ctx, in.doneAtEntry = "ctx cancelled before the call", true
		done := h.r.Call(g, input{kind: opCancel, id: id})
		cancel()
		done(nil)
	}
	join := h.r.Call(g, input{kind: opJoin, id: id})
	locked := h.r.Call(g, in)
	err := h.m.Lock(ctx)
	join(nil)
	locked(err)
	if errors.Is(context.Cause(ctx), errStuck) {
		h.mu.Lock()
		h.stuck = true
		h.mu.Unlock()
	}
	return err == nil
}

// setPending records a cancellable call in progress, or forgets it when p
// has no cancel.
func (h *history) setPending(id int, p pendingCall) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if p.cancel == nil {
		delete(h.pending, id)
	} else {
		h.pending[id] = p
	}
}

// cancelOne cancels the ctx of one Lock that another goroutine has in
// progress, if there is one.
func (h *history) cancelOne(g int, rnd *rand.Rand) {
	h.mu.Lock()
	var ids []int
	for id, p := range h.pending {
		if p.g != g {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		h.mu.Unlock()
		return
	}
	slices.Sort(ids)
	id := ids[rnd.IntN(len(ids))]
	cancel := h.pending[id].cancel
	h.mu.Unlock()
	done := h.r.Call(g, input{kind: opCancel, id: id})
	cancel()
	done(nil)
}

func (h *history) unlock(g int) {
	done := h.r.Call(g, input{kind: opUnlock})
	h.m.Unlock()
	done(nil)
}
