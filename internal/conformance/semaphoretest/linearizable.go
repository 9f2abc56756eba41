package semaphoretest

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/anishathalye/porcupine"

	"github.com/conckata/conckata/internal/linearize"
)

// The linearizable property: a few goroutines make short random sequences of
// calls on one semaphore at once, every call is recorded, and the history is
// checked against the sequential model (below). Histories stay
// small, because checking them is exponential in the calls in progress at
// once, and the property repeats them over many rounds instead
// (internal/linearize).
const (
	historyWorkers = 3
	historyCalls   = 8 // per goroutine, besides the final releases
)

func linearizable(t *testing.T, impl Impl) {
	linearize.Play(func(r *linearize.Round) {
		size := 1 + r.N%3
		s := impl.New(size)
		r.GoTogether(historyWorkers, func(g int, rnd *rand.Rand) { worker(r, s, size, g, rnd) })
		if r.Stuck() {
			t.Fatalf("round %d on New(%d): an AcquireN still waited after %v, although the other goroutines had released every permit: a lost wake-up", r.N, size, linearize.StuckAfter)
		}
		available := r.Call(historyWorkers, input{kind: opAvailable})
		available(s.Available())
		r.Check(t, semaphoreModel(size), "")
	})
}

// worker makes historyCalls random calls on s, of size permits, as goroutine
// g, then releases what it holds. It blocks in AcquireN only while holding
// nothing, so that no two goroutines can wait for each other.
func worker(r *linearize.Round, s Semaphore, size, g int, rnd *rand.Rand) {
	var held []int
	release := func() {
		i := rnd.IntN(len(held))
		done := r.Call(g, input{kind: opRelease, k: held[i]})
		s.ReleaseN(held[i])
		done(nil)
		held = slices.Delete(held, i, i+1)
	}
	for range historyCalls {
		switch x := rnd.IntN(8); {
		case x < 2:
			k := 1 + rnd.IntN(size)
			done := r.Call(g, input{kind: opTry, k: k})
			ok := s.TryAcquireN(k)
			done(ok)
			if ok {
				held = append(held, k)
			}
		case x < 5 && len(held) == 0:
			if k, ok := acquire(r, s, 1+rnd.IntN(size), g, rnd); ok {
				held = append(held, k)
			}
		case x < 6 && len(held) > 0:
			release()
		default:
			// A cancellation, then at once a Release that may serve the
			// cancelled call: its permits must go past it.
			r.CancelOne(g, rnd, cancelInput)
			if len(held) > 0 {
				release()
			}
		}
	}
	for len(held) > 0 {
		release()
	}
}

// acquire makes one AcquireN(k), with a ctx that another goroutine may
// cancel, or with a deadline of a few microseconds, or cancelled before the
// call, recorded as two operations over the same interval: its join of the
// queue, and the AcquireN.
func acquire(r *linearize.Round, s Semaphore, k, g int, rnd *rand.Rand) (int, bool) {
	ctx, c, end := r.Blocking(g, rnd, cancelInput)
	defer end()
	join := r.Call(g, input{kind: opJoin, Ctx: c, k: k})
	acquired := r.Call(g, input{kind: opAcquire, Ctx: c, k: k})
	err := s.AcquireN(ctx, k)
	join(nil)
	acquired(err)
	return k, err == nil
}

// The sequential model of the linearizable property, for porcupine. Its
// state is a value (arrays, not slices) so that porcupine can compare states
// with ==, and Step returns a changed copy.
//
// A count of free permits is not enough: TryAcquireN fails while anyone waits,
// even with the permits free, and a count cannot say that anyone waits. So
// the model also holds the queue. Joining the queue is a step of its own:
// porcupine gives each operation one instant, and a blocking AcquireN acts at
// two, when it queues and when it is granted or gives up. The property
// records every AcquireN as two operations over the same interval, a join and
// the AcquireN itself, and the model accepts the AcquireN only after its join.
// The instant of a join cannot be observed from outside, so porcupine may put
// it anywhere in the call: FIFO order and no-barging are checked by the
// synctest properties, which know when each call queues; this model checks
// that the counts, TryAcquireN and cancellation agree with some order.
//
// Nor can the model tell whether a call waited, or when it started to count
// as arrived. A call that finds the permits free looks at its ctx, then takes
// them with a compare-and-swap; if its goroutine is preempted in between,
// other calls, and a cancellation, may come and go before it takes them, and
// no order of the calls then puts the cancellation after its arrival. Such a
// cancellation is concurrent with the call, which the contract allows to go
// either way. So the model holds a call to its cancellation only when the
// ctx was cancelled before the call began (the property knows: it cancels
// those itself): such a call must fail. A waiter cancelled before the release that would serve it
// is held to the rule by cancel-before-release-fails, which knows when a call waits.

type opKind uint8

const (
	opTry       opKind = iota // TryAcquireN(k) -> bool
	opJoin                    // AcquireN #id joins the queue
	opAcquire                 // AcquireN(ctx, k) #id -> error
	opRelease                 // ReleaseN(k)
	opCancel                  // cancel the ctx of AcquireN #id
	opAvailable               // Available() -> int
)

// input is the input of one operation of the history. Its Ctx is the
// AcquireN call's, or for opCancel the AcquireN whose ctx is cancelled (only
// its ID).
type input struct {
	kind opKind
	linearize.Ctx
	k int // permits
}

// cancelInput records the cancellation of the ctx of call id.
func cancelInput(id int) any { return input{kind: opCancel, Ctx: linearize.Ctx{ID: id}} }

type modelState struct {
	free      int
	queue     linearize.Queue // calls that have joined and not yet returned, N their permits
	cancelled linearize.Cancelled
}

// semaphoreModel is the sequential model of a FIFO semaphore of size permits.
func semaphoreModel(size int) porcupine.Model {
	return porcupine.Model{
		Init:              func() any { return modelState{free: size} },
		Step:              func(st, in, out any) (bool, any) { return step(size, st.(modelState), in.(input), out) },
		DescribeOperation: describeOperation,
		DescribeState:     func(st any) string { return describeState(st.(modelState)) },
	}
}

func step(size int, s modelState, op input, out any) (bool, any) {
	switch op.kind {
	case opTry:
		ok := s.queue.Len() == 0 && s.free >= op.k
		if ok {
			s.free -= op.k
		}
		return out.(bool) == ok, s
	case opJoin:
		ok := s.queue.Join(linearize.Waiter{ID: op.ID, N: op.k})
		return ok, s
	case opAcquire:
		return acquireStep(s, op, out)
	case opRelease:
		s.free += op.k
		return s.free <= size, s
	case opCancel:
		s.cancelled = s.cancelled.With(op.ID)
		return true, s
	case opAvailable:
		return out.(int) == s.free, s
	}
	return false, s
}

// acquireStep accepts the return of AcquireN #id: nil if it is at the head of
// the queue, its permits are free and its ctx was not cancelled before it
// began;
// context.Canceled once its ctx has been; DeadlineExceeded if it has a
// deadline. Any of them takes it out of the queue.
func acquireStep(s modelState, op input, out any) (bool, any) {
	i := s.queue.Index(op.ID)
	err, _ := out.(error)
	if i < 0 || !op.Allows(err, s.cancelled, i == 0 && s.free >= op.k) {
		return false, s
	}
	if err == nil {
		s.free -= op.k
	}
	s.queue.Remove(i)
	return true, s
}

func describeOperation(in, out any) string {
	op := in.(input)
	switch op.kind {
	case opTry:
		return fmt.Sprintf("TryAcquireN(%d) -> %v", op.k, out)
	case opJoin:
		return fmt.Sprintf("AcquireN(%d) #%d queues", op.k, op.ID)
	case opAcquire:
		return fmt.Sprintf("AcquireN(%d) #%d, %s, -> %v", op.k, op.ID, op.Kind, out)
	case opRelease:
		return fmt.Sprintf("ReleaseN(%d)", op.k)
	case opCancel:
		return fmt.Sprintf("cancel the ctx of AcquireN #%d", op.ID)
	case opAvailable:
		return fmt.Sprintf("Available() -> %v", out)
	}
	return fmt.Sprintf("%+v -> %v", op, out)
}

func describeState(s modelState) string {
	return fmt.Sprintf("free=%d queue=[%v] cancelled=[%v]", s.free, s.queue, s.cancelled)
}
