package semaphore

import "context"

// wait queues the caller for n permits. It is the slow path of AcquireN.
func (s *Semaphore) wait(ctx context.Context, n int64) error {
	done := ctx.Done()
	s.mu.Lock()
	// A cancellation while we took mu may have come before the ReleaseN
	// that freed the permits taken below: look at ctx again.
	if isDone(done) {
		s.mu.Unlock()
		return ctx.Err()
	}
	for {
		st := s.state.Load()
		if st&queued != 0 {
			break
		}
		if st>>1 >= n { // the permits came free while we took mu
			if s.state.CompareAndSwap(st, st-n<<1) {
				s.mu.Unlock()
				return nil
			}
		} else if s.state.CompareAndSwap(st, st|queued) {
			break
		}
	}
	w := s.pool.get(n, done)
	s.waiters.push(w)
	s.mu.Unlock()

	if done == nil {
		<-w.ready // ctx can never be done: a receive is cheaper than a select
		return nil
	}
	select {
	case <-w.ready:
		return nil
	case <-done:
		return s.leave(ctx, w)
	}
}

// leave takes w, whose ctx is done, out of the queue, unless it was served
// first.
func (s *Semaphore) leave(ctx context.Context, w *waiter) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	select {
	case <-w.ready:
		// The grant found done still open, so ctx was done after it or at
		// the same moment: the permits are the caller's, as they have been
		// since ReleaseN returned (no one could take them past it). x/sync's
		// Weighted gives them back here instead (go.dev/issue/63615).
		return nil
	default:
	}
	if !w.skipped {
		s.waiters.remove(w)
		// Without w, the new head (or, if none, the fast path) may now be
		// able to proceed: forgetting this strands waiters behind a
		// departed head (golang/go#37852).
		s.grant()
	}
	if s.waiters.head != nil {
		s.pool.put(w)
	}
	return ctx.Err()
}

// grant hands free permits to the waiters from the head of the queue until the
// head does not fit, and clears queued when no one is left. The caller holds
// mu and queued is set.
//
// A waiter whose ctx is already done is skipped, not served: it was cancelled
// before this grant, even if it has not run since, and it must fail while the
// permits go to the next live waiter (go.dev/issue/63615). The rejected
// alternative, x/sync's, serves it and has it give the permits back when it
// wakes: they then sit with a goroutine that will not use them, the waiters
// behind wait for it to be scheduled, and Available shows them taken. The
// check costs a non-blocking receive per waiter; a cancellation racing with
// it may go either way, and the permits end up in one place in both cases.
func (s *Semaphore) grant() {
	for w := s.waiters.head; w != nil; w = s.waiters.head {
		if w.cancelled() {
			s.waiters.remove(w)
			w.skipped = true // it returns ctx.Err() when it takes mu
			continue
		}
		if s.state.Load()>>1 < w.n {
			// The head waits for more permits and the rest wait behind it:
			// serving a smaller request first would starve large ones.
			return
		}
		s.waiters.remove(w)
		if s.waiters.head == nil {
			// Clear queued in the same step as the last waiter is served,
			// before it can run: else it could return and find TryAcquire
			// failing with the permits free and no one waiting.
			s.state.Add(-w.n<<1 - queued)
			s.pool.handOff(w)
			s.pool.reset()
			return
		}
		s.state.Add(-w.n << 1)
		s.pool.handOff(w)
	}
	s.state.Add(-queued) // every waiter left had given up
	s.pool.reset()
}

// waiter is a goroutine blocked in AcquireN.
type waiter struct {
	n int64
	// ready has capacity 1 and receives one value when the n permits are
	// handed over. A waiter is reused only once ready is empty again.
	ready chan struct{}
	done  <-chan struct{} // the waiter's ctx.Done(); nil if it can never be done
	// skipped is set, under mu, by a grant that found done closed and took
	// the waiter out of the queue instead of serving it.
	skipped    bool
	prev, next *waiter
}

// cancelled reports whether the waiter's ctx is done, without blocking.
func (w *waiter) cancelled() bool { return isDone(w.done) }

// isDone reports whether done is closed, without blocking; never for nil.
func isDone(done <-chan struct{}) bool {
	select {
	case <-done:
		return true
	default:
		return false
	}
}

// waitQueue is an intrusive FIFO list of waiters: a cancelled waiter leaves
// from anywhere in O(1), and queuing allocates nothing beyond the waiter.
type waitQueue struct {
	head, tail *waiter
}

func (q *waitQueue) push(w *waiter) {
	w.prev = q.tail
	if q.tail == nil {
		q.head = w
	} else {
		q.tail.next = w
	}
	q.tail = w
}

func (q *waitQueue) remove(w *waiter) {
	if w.prev == nil {
		q.head = w.next
	} else {
		w.prev.next = w.next
	}
	if w.next == nil {
		q.tail = w.prev
	} else {
		w.next.prev = w.prev
	}
	w.prev, w.next = nil, nil
}

// waiterPool keeps the waiters that no goroutine uses any more, so that a
// convoy (every Acquire waits, every Release hands over) allocates nothing.
// Its methods run under Semaphore.mu.
//
// A goroutine lets go of its waiter when it receives from ready: then ready
// is empty again. So the waiter last handed permits is kept as handed, and
// the next hand-off makes it spare if its ready is empty, or forgets it. A
// waiter that gave up is spare as soon as it has left. The pool is emptied
// whenever the queue is: a channel made in one testing/synctest bubble must
// not be used in another, and a Semaphore may move to another bubble between
// two bouts of contention.
type waiterPool struct {
	handed *waiter
	spare  *waiter // a stack linked through next
}

// get returns a waiter for n permits, reused if one is spare.
func (p *waiterPool) get(n int64, done <-chan struct{}) *waiter {
	w := p.spare
	if w == nil {
		w = &waiter{ready: make(chan struct{}, 1)}
	} else {
		p.spare, w.next = w.next, nil
	}
	w.n, w.done, w.skipped = n, done, false
	return w
}

// handOff hands w, out of the queue, its permits.
func (p *waiterPool) handOff(w *waiter) {
	if h := p.handed; h != nil && len(h.ready) == 0 {
		p.put(h)
	}
	p.handed = w
	w.ready <- struct{}{} // never blocks: one value per wait
}

// put keeps w, which no goroutine uses any more, for reuse.
func (p *waiterPool) put(w *waiter) {
	w.next, p.spare = p.spare, w
}

// reset forgets every waiter: the queue is empty.
func (p *waiterPool) reset() { *p = waiterPool{} }
