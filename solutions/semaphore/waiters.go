package semaphore

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
