package lock

// waiter is a goroutine blocked in Lock.
type waiter struct {
	ready      chan struct{} // closed when the lock is handed over
	prev, next *waiter
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
