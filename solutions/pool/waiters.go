package pool

import "context"

// waiter is a goroutine blocked in Acquire.
type waiter[R any] struct {
	// ctx is the Acquire's, set while w is queued. A hand-off looks at it
	// under the pool's mu: a waiter whose ctx is already done is not served.
	ctx context.Context
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

// nextLive removes and returns the longest waiter whose ctx is not done, or
// nil if there is none. The caller holds mu and has something to hand over.
//
// The waiters before it were cancelled before this hand-off, though they
// may not have run since: each leaves with ctx.Err(), and the resource (or
// the error of an Open) goes to the next. Serving them instead would lease a
// resource to a caller that has given up, and hold it from the live waiters
// until that caller runs and releases it, if it ever does.
func (p *Pool[R]) nextLive() *waiter[R] {
	for w := p.queue.head; w != nil; w = p.queue.head {
		p.dequeue(w)
		err := w.ctx.Err()
		if err == nil {
			return w
		}
		w.ready <- grant[R]{err: err}
	}
	return nil
}

// acquireSlow queues the caller, serves the queue from the idle stack in
// case a Release pushed just before the caller counted itself, and starts
// an Open if a slot is free.
func (p *Pool[R]) acquireSlow(ctx context.Context) (*Lease[R], error) {
	p.mu.Lock()
	if err := ctx.Err(); err != nil { // under mu: judged when the wait begins
		p.mu.Unlock()
		return nil, err
	}
	if p.closed.Load() {
		p.mu.Unlock()
		return nil, ErrClosed
	}
	w, _ := p.spares.Get().(*waiter[R])
	if w == nil {
		w = &waiter[R]{ready: make(chan grant[R], 1)}
	}
	w.ctx = ctx
	p.enqueue(w)
	p.serveIdle()
	p.fill(false)
	p.mu.Unlock()

	var g grant[R]
	done := ctx.Done()
	if done == nil {
		g = <-w.ready // ctx can never be done: a receive is cheaper than a select
	} else {
		g = p.await(ctx, w)
	}
	w.ctx = nil // do not keep the caller's ctx alive
	p.spares.Put(w)
	if g.err != nil {
		return nil, g.err
	}
	return &Lease[R]{pool: p, slot: g.slot, value: g.slot.value}, nil
}

// await waits for w's grant or for ctx. If ctx ends first, w leaves the
// queue and the grant is an error: ctx.Err().
func (p *Pool[R]) await(ctx context.Context, w *waiter[R]) (g grant[R]) {
	select {
	case g = <-w.ready:
	case <-ctx.Done():
		p.mu.Lock()
		select {
		case g = <-w.ready:
			// Answered as ctx was done. A hand-off found ctx not yet done,
			// so it came first and the lease is the caller's; any other
			// answer is already ctx.Err() or ErrClosed.
		default:
			p.dequeue(w)
			g.err = ctx.Err()
		}
		p.mu.Unlock()
	}
	return g
}
