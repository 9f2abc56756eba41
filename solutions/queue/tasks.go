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

// finish lowers the unfinished count by n and, at zero, releases the Joins.
// The caller holds mu.
func (q *Queue[T]) finish(n int) {
	q.unfinished -= n
	if q.unfinished == 0 && q.finished != nil {
		close(q.finished)
		q.finished = nil
	}
}

// Join waits until every item that was Put has been marked done by TaskDone
// (or dropped by Shutdown(true)), and returns nil; at once if none is
// unfinished, even when ctx is done. Otherwise, if ctx is done first, it
// returns ctx.Err().
func (q *Queue[T]) Join(ctx context.Context) error {
	q.mu.Lock()
	if q.unfinished == 0 {
		q.mu.Unlock()
		return nil
	}
	if q.finished == nil {
		q.finished = make(chan struct{})
	}
	finished := q.finished
	q.mu.Unlock()
	select {
	case <-finished:
		return nil
	case <-ctx.Done():
	}
	select {
	case <-finished: // both were ready: the finish wins
		return nil
	default:
		return ctx.Err()
	}
}
