package queue

import "context"

// TaskDone marks one item that was Put as processed. When no unfinished item
// is left, every Join returns. It panics with "queue: TaskDone called too
// many times" when there is no unfinished item.
func (q *Queue[T]) TaskDone() {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.unfinished <= 0 {
		panic("queue: TaskDone called too many times")
	}
	q.finish(1)
}

// finish lowers the unfinished count by n and, at zero, answers the Joins:
// nil, or ctx.Err() to one whose ctx was done before, as for any hand-off.
// The caller holds mu.
//
// Rejected: one channel that every Join selects on, closed at zero. It
// allocates less, but a Join cancelled before the last TaskDone, that has
// not run since, finds both the channel and ctx.Done() ready and cannot tell
// which came first.
func (q *Queue[T]) finish(n int) {
	q.unfinished -= n
	if q.unfinished > 0 {
		return
	}
	for w := q.joiners.pop(); w != nil; w = q.joiners.pop() {
		w.deliver(w.item, w.ctx.Err())
	}
}

// Join waits until every item that was Put has been marked done by TaskDone
// (or dropped by Shutdown(true)), and returns nil; at once if none is
// unfinished, even when ctx is done. Otherwise it returns ctx.Err() if ctx
// is done before the TaskDone (or Shutdown) that ends the last unfinished
// task, even if Join has not run since; only when the two are truly
// concurrent may the TaskDone win, and Join returns nil.
func (q *Queue[T]) Join(ctx context.Context) error {
	q.mu.Lock()
	if q.unfinished == 0 {
		q.mu.Unlock()
		return nil
	}
	w := &waiter[T]{ctx: ctx, ready: make(chan struct{})}
	q.joiners.push(w)
	q.mu.Unlock()
	if err := q.await(ctx, w, &q.joiners); err != nil {
		return err
	}
	return w.err
}
