package executor

import (
	"context"
	"iter"
	"sync"
)

// Stream returns an iterator that calls fn on every element of in, at most
// workers calls at a time (workers <= 0 means runtime.GOMAXPROCS(0)), and
// yields the results in the order of in.
//
// Stream itself reads nothing and starts nothing. Each iteration reads in
// lazily: while the loop body runs for one result, in has been read at most
// workers elements beyond it, and at most workers results wait for the
// consumer, so Stream works on an endless input with bounded memory. Reading
// in is done by the iterating goroutine, between results; a read that blocks
// is not interrupted by ctx.
//
// The first error, in time, cancels the context passed to the calls still
// running, and no more of in is read. The results that succeeded before the
// first position without one are still yielded in order; at that position
// (the failed call, a call cancelled by the failure, or the element no
// longer read) Stream yields the zero R and the first error, then ends. A
// panic in fn is recovered and becomes a *task.PanicError, handled as an
// error; so does a runtime.Goexit in fn. A done ctx is such an error: an
// iteration that starts with ctx done yields only (zero, ctx.Err()).
//
// Breaking out of the loop cancels the calls still running and waits for
// them: when the loop ends, no goroutine of the iteration is left. Stream
// panics if in or fn is nil.
func Stream[T, R any](ctx context.Context, workers int, in iter.Seq[T], fn func(context.Context, T) (R, error)) iter.Seq2[R, error] {
	if in == nil {
		panic("executor: Stream called with a nil input")
	}
	if fn == nil {
		panic("executor: Stream called with a nil function")
	}
	return func(yield func(R, error) bool) {
		next, stop := iter.Pull(in)
		defer stop()
		s := &stream[T, R]{run: newRun(ctx), fn: fn, next: next, slots: make([]slot[T, R], limit(workers))}
		defer s.close()
		s.iterate(yield)
	}
}

// A stream is one iteration of a Stream. Element i of the input goes to
// slots[i%len(slots)], so the elements in flight are always the window of
// at most len(slots) that follows the last one yielded, and each slot holds
// one element at a time: its channels never block a send.
type stream[T, R any] struct {
	run   *run
	fn    func(context.Context, T) (R, error)
	next  func() (T, bool) // pulls the next element of the input
	ended bool             // next has reported the end of the input

	slots   []slot[T, R]
	started int // slots with a goroutine: the first min(sent, len(slots))
	sent    int // elements read and sent to a slot
	workers sync.WaitGroup
}

// A slot is one worker goroutine and its two channels of capacity one.
type slot[T, R any] struct {
	in  chan T
	out chan result[R]
}

type result[R any] struct {
	v   R
	err error
}

// iterate yields the results in order until the input ends, the consumer
// stops, or a position has no result.
func (s *stream[T, R]) iterate(yield func(R, error) bool) {
	for s.sent < len(s.slots) && s.send() {
	}
	for i := 0; i < s.sent; i++ {
		res := <-s.slots[i%len(s.slots)].out
		if res.err != nil {
			yield(*new(R), s.run.err())
			return
		}
		// Refill the slot just emptied before handing the result over, so
		// that a full window of calls runs while the consumer works.
		s.send()
		if !yield(res.v, nil) {
			return
		}
	}
	if err := s.run.err(); err != nil {
		yield(*new(R), err)
	}
}

// send reads the next element of the input and gives it to its slot. It
// returns false when the input has ended, or when the iteration has failed
// (a done ctx counts as a failure, noticed here), and then reads nothing.
func (s *stream[T, R]) send() bool {
	if s.ended {
		return false
	}
	if err := s.run.ctx.Err(); err != nil {
		s.run.fail(err)
		return false
	}
	x, ok := s.next()
	if !ok {
		s.ended = true
		return false
	}
	sl := &s.slots[s.sent%len(s.slots)]
	if s.sent < len(s.slots) {
		s.start(sl)
	}
	sl.in <- x
	s.sent++
	return true
}

func (s *stream[T, R]) start(sl *slot[T, R]) {
	sl.in = make(chan T, 1)
	sl.out = make(chan result[R], 1)
	s.started++
	s.workers.Go(func() {
		calling := false // true while fn runs: still true if it calls runtime.Goexit
		defer func() {
			if calling {
				// The goroutine is ending: report the call's failure in
				// its place, or the consumer would wait for it for ever.
				err := goexitError()
				s.run.fail(err)
				sl.out <- result[R]{err: err}
			}
		}()
		for x := range sl.in {
			calling = true
			v, err := call(s.run.ctx, s.fn, x)
			calling = false
			if err != nil {
				s.run.fail(err)
			}
			sl.out <- result[R]{v, err}
		}
	})
}

// close cancels the calls still running and waits until every worker has
// returned.
func (s *stream[T, R]) close() {
	s.run.stop()
	for i := range s.started {
		close(s.slots[i].in)
	}
	s.workers.Wait()
}
