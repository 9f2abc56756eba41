package queue

import "context"

// waiter is a goroutine blocked in Get, Put or Join.
type waiter[T any] struct {
	// ctx is the call's. A hand-off looks at it under the queue's mu: a
	// waiter whose ctx is already done is not served, but told ctx.Err().
	ctx context.Context
	// item is the putter's item, or the item handed to a getter; err is what
	// the call returns. Both are written before ready is closed.
	item       T
	err        error
	ready      chan struct{} // closed when the call has its answer
	prev, next *waiter[T]
}

// deliver gives w its answer. The caller holds the queue's mu and has taken
// w off its list.
func (w *waiter[T]) deliver(v T, err error) {
	w.item, w.err = v, err
	close(w.ready)
}

// waitQueue is an intrusive FIFO list of waiters: a cancelled waiter leaves
// from anywhere in O(1), and queuing allocates nothing beyond the waiter.
type waitQueue[T any] struct {
	head, tail *waiter[T]
}

func (l *waitQueue[T]) push(w *waiter[T]) {
	w.prev = l.tail
	if l.tail == nil {
		l.head = w
	} else {
		l.tail.next = w
	}
	l.tail = w
}

// pop removes and returns the head, or nil if the list is empty.
func (l *waitQueue[T]) pop() *waiter[T] {
	w := l.head
	if w != nil {
		l.remove(w)
	}
	return w
}

// popLive removes and returns the longest waiter whose ctx is not done, or
// nil if there is none. The waiters before it were cancelled before this
// hand-off, though they may not have run since: each leaves with ctx.Err()
// and what the hand-off carries goes to the next. Serving them instead would
// give an item to a Get that has given up (and that the caller of Put may
// already have replaced), or insert the item of an abandoned Put.
func (l *waitQueue[T]) popLive() *waiter[T] {
	for w := l.pop(); w != nil; w = l.pop() {
		err := w.ctx.Err()
		if err == nil {
			return w
		}
		w.deliver(w.item, err)
	}
	return nil
}

func (l *waitQueue[T]) remove(w *waiter[T]) {
	if w.prev == nil {
		l.head = w.next
	} else {
		w.prev.next = w.next
	}
	if w.next == nil {
		l.tail = w.prev
	} else {
		w.next.prev = w.prev
	}
	w.prev, w.next = nil, nil
}

// waitGet queues the caller as a getter and waits for an item. The caller
// holds mu, and the queue is empty; waitGet unlocks mu.
func (q *Queue[T]) waitGet(ctx context.Context) (T, error) {
	w := &waiter[T]{ctx: ctx, ready: make(chan struct{})}
	q.getters.push(w)
	q.mu.Unlock()
	if err := q.await(ctx, w, &q.getters); err != nil {
		var zero T
		return zero, err
	}
	return w.item, w.err
}

// waitPut queues the caller as a putter of v and waits for room. The caller
// holds mu, and the queue is full; waitPut unlocks mu.
func (q *Queue[T]) waitPut(ctx context.Context, v T) error {
	w := &waiter[T]{ctx: ctx, item: v, ready: make(chan struct{})}
	q.putters.push(w)
	q.mu.Unlock()
	if err := q.await(ctx, w, &q.putters); err != nil {
		return err
	}
	return w.err
}

// await blocks until w has its answer, and returns nil, or until ctx is done,
// and returns ctx.Err() with w taken off list. A hand-off decides under mu,
// by w.ctx.Err(), whether it came before the cancellation; await only
// follows that decision.
func (q *Queue[T]) await(ctx context.Context, w *waiter[T], list *waitQueue[T]) error {
	select {
	case <-w.ready:
		return nil
	case <-ctx.Done():
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	select {
	case <-w.ready:
		// Answered while being cancelled. A hand-off found ctx not yet
		// done, so it came first, and the item (a getter's) or the slot (a
		// putter's) is already the caller's: returning ctx.Err() now would
		// lose the item, or report as not put an item that is in the
		// queue. (Any other answer already is ctx.Err() or ErrShutdown.)
		return nil
	default:
	}
	list.remove(w)
	return ctx.Err()
}
