package pool

// waiter is a goroutine blocked in Acquire.
type waiter[R any] struct {
	// ready has capacity 1 and receives one grant per wait, sent under the
	// pool's mu as the waiter leaves the queue. A waiter is reused only once
	// ready is empty again.
	ready      chan grant[R]
	prev, next *waiter[R]
}

// waitQueue is an intrusive FIFO list of waiters: a cancelled waiter leaves
// from anywhere in O(1), and queuing allocates nothing beyond the waiter.
type waitQueue[R any] struct {
	head, tail *waiter[R]
	len        int
}

func (q *waitQueue[R]) push(w *waiter[R]) {
	w.prev = q.tail
	if q.tail == nil {
		q.head = w
	} else {
		q.tail.next = w
	}
	q.tail = w
	q.len++
}

func (q *waitQueue[R]) remove(w *waiter[R]) {
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
	q.len--
}

// enqueue and dequeue keep Pool.waiting equal to the queue's length. The
// caller holds mu.
func (p *Pool[R]) enqueue(w *waiter[R]) {
	p.queue.push(w)
	p.waiting.Store(int32(p.queue.len))
}

func (p *Pool[R]) dequeue(w *waiter[R]) {
	p.queue.remove(w)
	p.waiting.Store(int32(p.queue.len))
}
