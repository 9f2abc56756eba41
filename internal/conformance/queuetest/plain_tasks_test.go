package queuetest

import "context"

// The plain queue's task accounting and shutdown.

func (q *plain) TaskDone() {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.unfinished <= 0 && !q.acceptUnderflow {
		panic("queue: TaskDone called too many times")
	}
	q.unfinished--
	q.notify()
}

// pending is what Join waits to see reach zero.
func (q *plain) pending() int {
	if q.joinCountsGets {
		return q.ungot
	}
	return q.unfinished
}

// notify answers the Joins once pending() is zero: nil, or ctx.Err() to one
// whose ctx was done before. The caller holds mu.
func (q *plain) notify() {
	if q.pending() > 0 {
		return
	}
	for _, w := range q.joiners {
		w.answer(nil, q.joinAfterCancel)
	}
	q.joiners = nil
}

func (q *plain) Join(ctx context.Context) error {
	q.mu.Lock()
	if q.pending() <= 0 {
		q.mu.Unlock()
		return nil
	}
	w := &plainWaiter{ctx: ctx, ready: make(chan struct{})}
	q.joiners = append(q.joiners, w)
	q.mu.Unlock()
	return q.wait(ctx, w, &q.joiners)
}

func (q *plain) Len() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return len(q.items)
}

func (q *plain) Cap() int { return q.maxsize }

func (q *plain) Shutdown(immediate bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.shutdown = true
	if immediate {
		n := len(q.items)
		q.items = nil
		q.ungot -= n
		if !q.shutdownKeepsCount {
			q.unfinished -= min(n, q.unfinished)
		}
		q.notify()
	}
	for _, w := range append(q.getters, q.putters...) {
		w.answer(errPlainShutdown, false)
	}
	q.getters, q.putters = nil, nil
}
