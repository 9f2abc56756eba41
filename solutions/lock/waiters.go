package lock

// waiter is a goroutine blocked in Lock.
type waiter struct {
	// ready has capacity 1 and receives one value when the lock is handed
	// over. A waiter is reused only once ready is empty again.
	ready chan struct{}
	done  <-chan struct{} // the waiting Lock's ctx.Done(); nil if it can never be done
	// skipped is set, under mu, by a hand-off that found done closed and took
	// the waiter out of the queue instead of handing it the lock.
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
