package semaphoretest

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
// calls on one semaphore at once, every call is recorded, and the history is
// checked against the sequential model (history.go). Histories stay small,
// because checking them is exponential in the calls in progress at once, and
// the property repeats them over many rounds instead.
const (
	historyRounds  = 40
	historyWorkers = 3
	historyCalls   = 8 // per goroutine, besides the final releases
	// stuckAfter bounds every AcquireN: in a round, a goroutine blocks only
	// while the others hold permits, and they never block while holding, so a
	// correct semaphore serves it in microseconds.
	stuckAfter = 2 * time.Second
)

var errStuck = errors.New("semaphoretest: AcquireN waited for the whole round")

// history is one round: the semaphore, the recorder, and the cancellable
// AcquireN calls in progress, which the goroutines cancel for one another.
type history struct {
	s    Semaphore
	size int
	r    linearize.Recorder

	mu      sync.Mutex // protects the fields below
	nextID  int
	pending map[int]pendingCall // by id
	stuck   bool                // an AcquireN reached stuckAfter
}

type pendingCall struct {
	g      int // the goroutine making the call
	cancel context.CancelFunc
}

func linearizable(t *testing.T, impl Impl) {
	for round := range historyRounds {
		size := 1 + round%3
		h := &history{s: impl.New(size), size: size, pending: map[int]pendingCall{}}
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
			t.Fatalf("round %d on New(%d): an AcquireN still waited after %v, although the other goroutines had released every permit: a lost wake-up", round, size, stuckAfter)
		}
		available := h.r.Call(historyWorkers, input{kind: opAvailable})
		available(h.s.Available())
		linearize.Check(t, semaphoreModel(size), &h.r)
	}
}

// worker makes historyCalls random calls as goroutine g, then releases what
// it holds. It blocks in AcquireN only while holding nothing, so that no two
// goroutines can wait for each other.
func (h *history) worker(g int, rnd *rand.Rand) {
	var held []int
	release := func() {
		i := rnd.IntN(len(held))
		h.release(g, held[i])
		held = slices.Delete(held, i, i+1)
	}
	for range historyCalls {
		switch x := rnd.IntN(8); {
		case x < 2:
			k := 1 + rnd.IntN(h.size)
			done := h.r.Call(g, input{kind: opTry, k: k})
			ok := h.s.TryAcquireN(k)
			done(ok)
			if ok {
				held = append(held, k)
			}
		case x < 5 && len(held) == 0:
			if k, ok := h.acquire(g, rnd); ok {
				held = append(held, k)
			}
		case x < 6 && len(held) > 0:
			release()
		default:
			// A cancellation, then at once a Release that may serve the
			// cancelled call: its permits must go past it.
			h.cancelOne(g, rnd)
			if len(held) > 0 {
				release()
			}
		}
	}
	for len(held) > 0 {
		release()
	}
}

// acquire makes one AcquireN, with a ctx that another goroutine may cancel,
// or with a deadline of a few microseconds, or cancelled before the call.
func (h *history) acquire(g int, rnd *rand.Rand) (int, bool) {
	k := 1 + rnd.IntN(h.size)
	ctx, cancel := context.WithTimeoutCause(context.Background(), stuckAfter, errStuck)
	defer cancel()
	h.mu.Lock()
	id := h.nextID
	h.nextID++
	h.mu.Unlock()
	in := input{kind: opAcquire, id: id, k: k}
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
	join := h.r.Call(g, input{kind: opJoin, id: id, k: k})
	acquired := h.r.Call(g, in)
	err := h.s.AcquireN(ctx, k)
	join(nil)
	acquired(err)
	if errors.Is(context.Cause(ctx), errStuck) {
		h.mu.Lock()
		h.stuck = true
		h.mu.Unlock()
	}
	return k, err == nil
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

// cancelOne cancels the ctx of one AcquireN that another goroutine has in
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

func (h *history) release(g, k int) {
	done := h.r.Call(g, input{kind: opRelease, k: k})
	h.s.ReleaseN(k)
	done(nil)
}
