// Package queue provides FIFO, LIFO and priority queues whose blocking Put and
// Get can be cancelled, with task accounting and shutdown: the Go form of
// Python's asyncio.Queue, LifoQueue and PriorityQueue (as of Python 3.13).
package queue

import (
	"cmp"
	"context"
	"errors"
	"sync"
)

// The errors of the non-blocking calls and of a shut down queue.
var (
	ErrEmpty    = errors.New("queue: empty")     // TryGet found no item
	ErrFull     = errors.New("queue: full")      // TryPut found no room
	ErrShutdown = errors.New("queue: shut down") // the queue was shut down
)

// order is the order in which a Queue's items leave it.
type order uint8

const (
	fifo order = iota
	lifo
	priority
)

// A Queue holds items between goroutines that Put them and goroutines that
// Get them, in FIFO, LIFO or priority order. A bounded queue makes Put wait
// for room; an empty queue makes Get wait for an item. Blocked getters and
// blocked putters are each served in the order they started waiting, and an
// item or a free slot is handed straight to the longest waiter, so no one
// (not even TryGet or TryPut) takes it past them.
//
// Every Put adds one unfinished task and every TaskDone removes one; Join
// waits until none is left. Shutdown stops the queue, as asyncio's 3.13
// Queue.shutdown does.
//
// Create one with NewFIFO, NewLIFO or NewPriority; a Queue must not be copied
// after first use. A Put "happens before" the Get that returns its item, and
// the TaskDone that ends the last unfinished task "happens before" the Joins
// it lets return.
type Queue[T any] struct {
	order   order
	maxsize int               // > 0; 0 for an unbounded queue
	less    func(a, b T) bool // the priority order; nil unless order is priority

	mu sync.Mutex // protects the fields below
	// items holds the queued items. Hand-offs keep two invariants: getters
	// wait only while items is empty, and putters only while it is full.
	items store[T]
	// getters, putters and joiners are the blocked Gets, Puts and Joins,
	// longest first. A cancelled one leaves its list as soon as it runs, so
	// none keeps dead waiters; one cancelled but not yet run is skipped by
	// the hand-offs (see popLive).
	getters, putters, joiners waitQueue[T]
	unfinished                int // items Put and not yet TaskDone (nor dropped)
	shutdown                  bool
}

// NewFIFO returns a first in, first out queue that holds at most maxsize
// items; maxsize <= 0 makes it unbounded.
func NewFIFO[T any](maxsize int) *Queue[T] { return newQueue[T](fifo, maxsize, nil) }

// NewLIFO returns a last in, first out queue (a stack) that holds at most
// maxsize items; maxsize <= 0 makes it unbounded.
func NewLIFO[T any](maxsize int) *Queue[T] { return newQueue[T](lifo, maxsize, nil) }

// NewPriority returns a queue whose Get returns the least item by less, that
// holds at most maxsize items; maxsize <= 0 makes it unbounded. Items that
// are equal (neither is less than the other) leave in the order they were
// put. It panics if less is nil.
func NewPriority[T any](maxsize int, less func(a, b T) bool) *Queue[T] {
	if less == nil {
		panic("queue: NewPriority with a nil less function")
	}
	return newQueue(priority, maxsize, less)
}

func newQueue[T any](o order, maxsize int, less func(a, b T) bool) *Queue[T] {
	q := &Queue[T]{order: o, maxsize: max(maxsize, 0), less: less}
	q.items.less = less
	return q
}

// Put adds v to the queue, waiting for room while the queue is full. A ctx
// that is already done fails even when there is room; "already" includes
// while Put waited for the queue's lock, as in x/sync's semaphore.
//
// It returns nil once v is in the queue or handed to a waiting Get, and
// ErrShutdown if the queue is (or, while Put waits, gets) shut down. On
// cancellation it returns ctx.Err() and v was not added. A ctx done before
// the Get that would make room fails Put, and that room goes to the next
// waiting Put, even if this one has not run since; only when the Get and
// the cancellation are truly concurrent may the Get win, and Put returns nil.
func (q *Queue[T]) Put(ctx context.Context, v T) error {
	q.mu.Lock()
	// Under mu, so that ctx is judged at the instant Put takes effect: a
	// ctx done before a Get took the item that made room fails Put.
	if err := ctx.Err(); err != nil {
		q.mu.Unlock()
		return err
	}
	if err := q.tryPut(v); err != ErrFull {
		q.mu.Unlock()
		return err
	}
	return q.waitPut(ctx, v) // unlocks mu
}

// TryPut adds v without waiting. It returns ErrFull if the queue is full and
// ErrShutdown if it is shut down.
func (q *Queue[T]) TryPut(v T) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.tryPut(v)
}

// tryPut is TryPut with mu held.
func (q *Queue[T]) tryPut(v T) error {
	if q.shutdown {
		return ErrShutdown
	}
	// Getters wait only while the queue is empty: hand v to the longest live
	// one. (Testing head first keeps the common case free of a call.)
	if q.getters.head != nil {
		if w := q.getters.popLive(); w != nil {
			q.unfinished++
			w.deliver(v, nil)
			return nil
		}
	}
	if q.maxsize > 0 && q.items.len() >= q.maxsize {
		return ErrFull
	}
	q.unfinished++
	q.items.push(v, q.order)
	return nil
}

// Get removes and returns the next item, waiting for one while the queue is
// empty. A ctx that is already done fails even when an item is ready;
// "already" includes while Get waited for the queue's lock.
//
// After Shutdown(false), Get still returns the items left, then ErrShutdown;
// after Shutdown(true) it returns ErrShutdown. On cancellation it returns
// ctx.Err() and took no item. A ctx done before the Put that would hand Get
// an item fails Get, and the item goes to the next waiting Get or into the
// queue, even if this Get has not run since; only when the Put and the
// cancellation are truly concurrent may the Put win, and Get returns the
// item with a nil error.
func (q *Queue[T]) Get(ctx context.Context) (T, error) {
	q.mu.Lock()
	// Under mu, as in Put: a ctx done before the Put of the item fails Get.
	if err := ctx.Err(); err != nil {
		q.mu.Unlock()
		var zero T
		return zero, err
	}
	if v, err := q.tryGet(); err != ErrEmpty {
		q.mu.Unlock()
		return v, err
	}
	return q.waitGet(ctx) // unlocks mu
}

// TryGet removes and returns the next item without waiting. It returns
// ErrEmpty if the queue is empty, and ErrShutdown if it is also shut down.
func (q *Queue[T]) TryGet() (T, error) {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.tryGet()
}

// tryGet is TryGet with mu held.
func (q *Queue[T]) tryGet() (T, error) {
	if q.items.len() == 0 {
		var zero T
		if q.shutdown {
			return zero, ErrShutdown
		}
		return zero, ErrEmpty
	}
	v := q.items.pop(q.order)
	// Putters wait only while the queue is full: admit the longest live one.
	if q.putters.head != nil {
		if w := q.putters.popLive(); w != nil {
			q.unfinished++
			q.items.push(w.item, q.order)
			w.deliver(w.item, nil)
		}
	}
	return v, nil
}

// Len returns the number of items in the queue. It is only a snapshot.
func (q *Queue[T]) Len() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.items.len()
}

// Cap returns the most items the queue holds: the maxsize it was made with,
// or 0 if it is unbounded.
func (q *Queue[T]) Cap() int { return q.maxsize }

// Shutdown stops the queue: from now on Put and TryPut return ErrShutdown,
// and so do the Puts that were waiting. With immediate false, Get and TryGet
// return the items left, then ErrShutdown; the Gets that were waiting (on an
// empty queue) return ErrShutdown at once. With immediate true, the items
// left are dropped and every waiting Get returns ErrShutdown; the unfinished
// count is lowered by the number dropped (but not below zero), so that Join
// returns once the items already taken are done. A waiting Get or Put whose
// ctx was done before the Shutdown returns ctx.Err() instead. Calling
// Shutdown again is allowed: a Shutdown(true) after a Shutdown(false) drops
// what is left.
func (q *Queue[T]) Shutdown(immediate bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.shutdown = true
	if immediate {
		// TaskDone may run ahead of Get, so the count can be lower than
		// the items held: as asyncio does, never take it below zero.
		if n := min(q.items.clear(), q.unfinished); n > 0 {
			q.finish(n)
		}
	}
	// Getters wait only on an empty queue, so none of them has an item to
	// come; putters can never put now. One cancelled before the Shutdown
	// fails with its ctx.Err(), as it would have had it run first.
	for _, l := range []*waitQueue[T]{&q.getters, &q.putters} {
		for w := l.pop(); w != nil; w = l.pop() {
			w.deliver(w.item, cmp.Or(w.ctx.Err(), ErrShutdown))
		}
	}
}
