package locktest

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/anishathalye/porcupine"

	"github.com/conckata/conckata/internal/linearize"
)

// The linearizable property: a few goroutines make short random sequences of
// calls on one Mutex at once, every call is recorded, and the history is
// checked against the sequential model below. Histories stay small, because
// checking them is exponential in the calls in progress at once, and the
// property repeats them over many rounds instead (internal/linearize).
const (
	historyWorkers = 3
	historyCalls   = 8 // per goroutine, besides the final Unlock
)

func linearizable(t *testing.T, impl Impl) {
	linearize.Play(func(r *linearize.Round) {
		m := impl.New()
		r.GoTogether(historyWorkers, func(g int, rnd *rand.Rand) { worker(r, m, g, rnd) })
		if r.Stuck() {
			t.Fatalf("round %d: a Lock still waited after %v, although every other goroutine had unlocked: a lost wake-up", r.N, linearize.StuckAfter)
		}
		locked := r.Call(historyWorkers, input{kind: opLocked})
		locked(m.Locked())
		r.Check(t, lockModel, "")
	})
}

// worker makes historyCalls random calls on m as goroutine g, then unlocks if
// it holds the lock. It blocks in Lock only while holding nothing, so that no
// two goroutines can wait for each other.
func worker(r *linearize.Round, m Mutex, g int, rnd *rand.Rand) {
	held := false
	unlock := func() {
		done := r.Call(g, input{kind: opUnlock})
		m.Unlock()
		done(nil)
		held = false
	}
	for range historyCalls {
		switch x := rnd.IntN(8); {
		case x < 2 && !held:
			done := r.Call(g, input{kind: opTryLock})
			held = m.TryLock()
			done(held)
		case x < 5 && !held:
			held = lock(r, m, g, rnd)
		case x < 6:
			done := r.Call(g, input{kind: opLocked})
			done(m.Locked())
		case x < 7 && held:
			unlock()
		default:
			// A cancellation, then at once an Unlock that may hand the lock
			// to the cancelled call: it must go past it.
			r.CancelOne(g, rnd, cancelInput)
			if held {
				unlock()
			}
		}
	}
	if held {
		unlock()
	}
}

// lock makes one Lock, with a ctx that another goroutine may cancel, or with
// a deadline of a few microseconds, or cancelled before the call, recorded as
// two operations over the same interval: its join of the queue, and the Lock.
func lock(r *linearize.Round, m Mutex, g int, rnd *rand.Rand) bool {
	ctx, c, end := r.Blocking(g, rnd, cancelInput)
	defer end()
	join := r.Call(g, input{kind: opJoin, Ctx: c})
	locked := r.Call(g, input{kind: opLock, Ctx: c})
	err := m.Lock(ctx)
	join(nil)
	locked(err)
	return err == nil
}

// The sequential model of the linearizable property, for porcupine. Its
// state is a value (an array, not a slice) so that porcupine can compare
// states with ==, and Step returns a changed copy.
//
// Whether the lock is held is not enough: TryLock fails while anyone waits,
// and Locked() stays true from an Unlock to the waiter it hands the lock to.
// So the model also holds the queue. Joining the queue is a step of its own:
// porcupine gives each operation one instant, and a blocking Lock acts at
// two, when it queues and when it takes the lock or gives up. The property
// records every Lock as two operations over the same interval, a join and
// the Lock itself, and the model accepts the Lock only after its join. The
// instant of a join cannot be observed from outside, so porcupine may put it
// anywhere in the call: FIFO order and no-barging are checked by the synctest
// properties, which know when each call queues.
//
// Nor can the model tell whether a call waited, or when it started to count
// as arrived. A call that finds the lock free looks at its ctx, then takes
// it with a compare-and-swap; if its goroutine is preempted in between,
// other calls, and a cancellation, may come and go before it takes it, and
// no order of the calls then puts the cancellation after its arrival. Such a
// cancellation is concurrent with the call, which the contract allows to go
// either way. So the model holds a call to its cancellation only when the
// ctx was cancelled before the call began (the property knows: it cancels
// those itself): such a call must fail. A waiter cancelled before the Unlock that would hand it the lock
// is held to the rule by cancel-before-unlock-fails, which knows when a call waits.

type opKind uint8

const (
	opTryLock opKind = iota // TryLock() -> bool
	opJoin                  // Lock #id joins the queue
	opLock                  // Lock(ctx) #id -> error
	opUnlock                // Unlock()
	opCancel                // cancel the ctx of Lock #id
	opLocked                // Locked() -> bool
)

// input is the input of one operation of the history. Its Ctx is the Lock
// call's, or for opCancel the Lock whose ctx is cancelled (only its ID).
type input struct {
	kind opKind
	linearize.Ctx
}

// cancelInput records the cancellation of the ctx of call id.
func cancelInput(id int) any { return input{kind: opCancel, Ctx: linearize.Ctx{ID: id}} }

type modelState struct {
	held      bool
	queue     linearize.Queue // Locks that have joined and not yet returned
	cancelled linearize.Cancelled
}

var lockModel = porcupine.Model{
	Init:              func() any { return modelState{} },
	Step:              func(st, in, out any) (bool, any) { return step(st.(modelState), in.(input), out) },
	DescribeOperation: describeOperation,
	DescribeState:     func(st any) string { return describeState(st.(modelState)) },
}

func step(s modelState, op input, out any) (bool, any) {
	switch op.kind {
	case opTryLock:
		ok := !s.held && s.queue.Len() == 0
		s.held = s.held || ok
		return out.(bool) == ok, s
	case opJoin:
		ok := s.queue.Join(linearize.Waiter{ID: op.ID})
		return ok, s
	case opLock:
		return lockStep(s, op, out)
	case opUnlock:
		ok := s.held
		s.held = false
		return ok, s
	case opCancel:
		s.cancelled = s.cancelled.With(op.ID)
		return true, s
	case opLocked:
		return out.(bool) == s.held, s
	}
	return false, s
}

// lockStep accepts the return of Lock #id: nil if it is at the head of the
// queue, the lock is not held and its ctx was not cancelled before it began;
// context.Canceled once its ctx has been; DeadlineExceeded if it has a
// deadline. Any of them takes it out of the queue.
func lockStep(s modelState, op input, out any) (bool, any) {
	i := s.queue.Index(op.ID)
	err, _ := out.(error)
	if i < 0 || !op.Allows(err, s.cancelled, i == 0 && !s.held) {
		return false, s
	}
	s.held = s.held || err == nil
	s.queue.Remove(i)
	return true, s
}

func describeOperation(in, out any) string {
	op := in.(input)
	switch op.kind {
	case opTryLock:
		return fmt.Sprintf("TryLock() -> %v", out)
	case opJoin:
		return fmt.Sprintf("Lock #%d queues", op.ID)
	case opLock:
		return fmt.Sprintf("Lock #%d, %s, -> %v", op.ID, op.Kind, out)
	case opUnlock:
		return "Unlock()"
	case opCancel:
		return fmt.Sprintf("cancel the ctx of Lock #%d", op.ID)
	case opLocked:
		return fmt.Sprintf("Locked() -> %v", out)
	}
	return fmt.Sprintf("%+v -> %v", op, out)
}

func describeState(s modelState) string {
	return fmt.Sprintf("held=%v queue=[%v] cancelled=[%v]", s.held, s.queue, s.cancelled)
}
