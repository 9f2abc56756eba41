package queuetest

import (
	"context"
	"slices"
	"sync"
)

// plain is the simplest correct queue, one mutex over everything and a slice
// of items in the order they were put, into which the bugs are switched.
type plain struct {
	bugs
	kind    string
	maxsize int
	less    func(a, b int) bool

	mu         sync.Mutex // protects the fields below
	items      []int      // in the order they were put
	getters    []*plainWaiter
	putters    []*plainWaiter
	unfinished int           // Puts not yet TaskDone, less the items dropped
	ungot      int           // Puts not yet taken by a Get, less the items dropped
	changed    chan struct{} // closed and cleared when a count changes, if a Join waits
	shutdown   bool
}

type plainWaiter struct {
	v     int
	err   error
	ready chan struct{}
}

func newPlain(b bugs, kind string, maxsize int, less func(a, b int) bool) *plain {
	return &plain{bugs: b, kind: kind, maxsize: max(maxsize, 0), less: less}
}

func (q *plain) full() bool {
	return q.maxsize > 0 && len(q.items) >= q.maxsize && !q.ignoreCapacity
}

func (q *plain) Put(ctx context.Context, v int) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	q.mu.Lock()
	if err := q.tryPut(v); err != errPlainFull {
		q.mu.Unlock()
		return err
	}
	w := &plainWaiter{v: v, ready: make(chan struct{})}
	q.putters = append(q.putters, w)
	q.mu.Unlock()
	return q.wait(ctx, w, &q.putters)
}

func (q *plain) TryPut(v int) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.tryPut(v)
}

func (q *plain) tryPut(v int) error {
	if q.shutdown {
		return errPlainShutdown
	}
	if len(q.getters) > 0 {
		g := q.getters[0]
		q.getters = q.getters[1:]
		q.unfinished++
		g.v = v
		close(g.ready)
		return nil
	}
	if q.full() {
		return errPlainFull
	}
	q.items = append(q.items, v)
	q.unfinished++
	q.ungot++
	return nil
}

func (q *plain) Get(ctx context.Context) (int, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	q.mu.Lock()
	if v, err := q.tryGet(); err != errPlainEmpty {
		q.mu.Unlock()
		return v, err
	}
	w := &plainWaiter{ready: make(chan struct{})}
	q.getters = append(q.getters, w)
	q.mu.Unlock()
	if err := q.wait(ctx, w, &q.getters); err != nil {
		return 0, err
	}
	return w.v, w.err
}

func (q *plain) TryGet() (int, error) {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.tryGet()
}

func (q *plain) tryGet() (int, error) {
	if len(q.items) == 0 {
		if q.shutdown {
			return 0, errPlainShutdown
		}
		return 0, errPlainEmpty
	}
	i := q.next()
	v := q.items[i]
	q.items = slices.Delete(q.items, i, i+1)
	q.ungot--
	q.notify()
	if len(q.putters) > 0 {
		p := q.putters[0]
		q.putters = q.putters[1:]
		q.items = append(q.items, p.v)
		q.unfinished++
		q.ungot++
		close(p.ready)
	}
	return v, nil
}

// next returns the index of the item to get.
func (q *plain) next() int {
	switch {
	case q.kind == "lifo" && !q.lifoAsFIFO:
		return len(q.items) - 1
	case q.kind == "priority":
		i := 0
		for j, v := range q.items {
			if q.less(v, q.items[i]) || q.unstablePriority && !q.less(q.items[i], v) {
				i = j
			}
		}
		return i
	}
	return 0
}

// wait blocks until w is served or ctx is done. On cancellation it takes w
// off list and returns ctx.Err(), unless w was served in the meantime.
func (q *plain) wait(ctx context.Context, w *plainWaiter, list *[]*plainWaiter) error {
	select {
	case <-w.ready:
		return w.err
	case <-ctx.Done():
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	select {
	case <-w.ready:
		if q.loseRacedItem && list == &q.getters {
			return ctx.Err()
		}
		return w.err
	default:
	}
	*list = slices.DeleteFunc(*list, func(x *plainWaiter) bool { return x == w })
	return ctx.Err()
}

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

func (q *plain) notify() {
	if q.changed != nil {
		close(q.changed)
		q.changed = nil
	}
}

func (q *plain) Join(ctx context.Context) error {
	for {
		q.mu.Lock()
		if q.pending() <= 0 {
			q.mu.Unlock()
			return nil
		}
		if q.changed == nil {
			q.changed = make(chan struct{})
		}
		changed := q.changed
		q.mu.Unlock()
		select {
		case <-changed:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
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
		w.err = errPlainShutdown
		close(w.ready)
	}
	q.getters, q.putters = nil, nil
}
