package queuetest

import (
	"cmp"
	"context"
	"errors"
	"slices"
	"sync"
)

// bugs switches on known bugs in plain.
type bugs struct {
	loseRacedItem, unstablePriority, lifoAsFIFO, joinCountsGets, acceptUnderflow, shutdownKeepsCount, ignoreCapacity bool
	// The hand-offs that serve a waiter whose ctx was done before them.
	itemToCancelledGetter, cancelledPutterInserts, joinAfterCancel bool
}

var (
	errPlainEmpty    = errors.New("plain: empty")
	errPlainFull     = errors.New("plain: full")
	errPlainShutdown = errors.New("plain: shut down")
)

// mutant returns the plain implementation with the bugs of b switched on.
func mutant(b bugs) Impl {
	return Impl{
		NewFIFO:     func(n int) Queue { return newPlain(b, "fifo", n, nil) },
		NewLIFO:     func(n int) Queue { return newPlain(b, "lifo", n, nil) },
		NewPriority: func(n int, less func(a, b int) bool) Queue { return newPlain(b, "priority", n, less) },
		ErrEmpty:    errPlainEmpty,
		ErrFull:     errPlainFull,
		ErrShutdown: errPlainShutdown,
	}
}

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
	joiners    []*plainWaiter
	unfinished int // Puts not yet TaskDone, less the items dropped
	ungot      int // Puts not yet taken by a Get, less the items dropped
	shutdown   bool
}

type plainWaiter struct {
	ctx   context.Context // the call's: a hand-off skips a waiter whose ctx is done
	v     int
	err   error
	ready chan struct{}
}

// answer gives w its answer: err, or ctx.Err() if w's ctx is done, unless
// ignoreCtx (a bug) says to answer a cancelled waiter as a live one.
func (w *plainWaiter) answer(err error, ignoreCtx bool) {
	if !ignoreCtx {
		err = cmp.Or(w.ctx.Err(), err)
	}
	w.err = err
	close(w.ready)
}

// popLive takes the waiters off the front of list until it finds one whose
// ctx is not done, and returns it, or nil; the ones before it get
// ctx.Err(). With ignoreCtx (a bug) it returns the first waiter, live or not.
func popLive(list *[]*plainWaiter, ignoreCtx bool) *plainWaiter {
	for len(*list) > 0 {
		w := (*list)[0]
		*list = (*list)[1:]
		if ignoreCtx || w.ctx.Err() == nil {
			return w
		}
		w.answer(nil, false)
	}
	return nil
}

func newPlain(b bugs, kind string, maxsize int, less func(a, b int) bool) *plain {
	return &plain{bugs: b, kind: kind, maxsize: max(maxsize, 0), less: less}
}

func (q *plain) full() bool {
	return q.maxsize > 0 && len(q.items) >= q.maxsize && !q.ignoreCapacity
}

func (q *plain) Put(ctx context.Context, v int) error {
	q.mu.Lock()
	if err := ctx.Err(); err != nil { // under mu: judged when Put takes effect
		q.mu.Unlock()
		return err
	}
	if err := q.tryPut(v); err != errPlainFull {
		q.mu.Unlock()
		return err
	}
	w := &plainWaiter{ctx: ctx, v: v, ready: make(chan struct{})}
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
	if g := popLive(&q.getters, q.itemToCancelledGetter); g != nil {
		q.unfinished++
		g.v = v
		g.answer(nil, true)
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
	q.mu.Lock()
	if err := ctx.Err(); err != nil { // under mu: judged when Get takes effect
		q.mu.Unlock()
		return 0, err
	}
	if v, err := q.tryGet(); err != errPlainEmpty {
		q.mu.Unlock()
		return v, err
	}
	w := &plainWaiter{ctx: ctx, ready: make(chan struct{})}
	q.getters = append(q.getters, w)
	q.mu.Unlock()
	if err := q.wait(ctx, w, &q.getters); err != nil {
		return 0, err
	}
	if q.loseRacedItem && w.err == nil && ctx.Err() != nil {
		return 0, ctx.Err() // the item handed over is dropped
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
	if p := popLive(&q.putters, q.cancelledPutterInserts); p != nil {
		q.items = append(q.items, p.v)
		q.unfinished++
		q.ungot++
		p.answer(nil, true)
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
		return w.err
	default:
	}
	*list = slices.DeleteFunc(*list, func(x *plainWaiter) bool { return x == w })
	return ctx.Err()
}

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
