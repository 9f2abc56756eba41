// Package queue provides FIFO, LIFO and priority queues whose blocking Put and
// Get can be cancelled, with task accounting and shutdown: the Go form of
// Python's asyncio.Queue, LifoQueue and PriorityQueue (as of Python 3.13).
//
// This is the kata: make `go run ./cmd/kata test queue` pass.
// The properties are explained in docs/katas/queue.md.
package queue

import (
	"context"
	"errors"
)

// The errors of the non-blocking calls and of a shut down queue.
var (
	ErrEmpty    = errors.New("queue: empty")     // TryGet found no item
	ErrFull     = errors.New("queue: full")      // TryPut found no room
	ErrShutdown = errors.New("queue: shut down") // the queue was shut down
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
	// Your fields here. State each invariant once, above the fields it guards.
}

// NewFIFO returns a first in, first out queue that holds at most maxsize
// items; maxsize <= 0 makes it unbounded.
func NewFIFO[T any](maxsize int) *Queue[T] {
	panic("queue: NewFIFO is not written yet (docs/katas/queue.md)")
}

// NewLIFO returns a last in, first out queue (a stack) that holds at most
// maxsize items; maxsize <= 0 makes it unbounded.
func NewLIFO[T any](maxsize int) *Queue[T] {
	panic("queue: NewLIFO is not written yet (docs/katas/queue.md)")
}

// NewPriority returns a queue whose Get returns the least item by less, that
// holds at most maxsize items; maxsize <= 0 makes it unbounded. Items that
// are equal (neither is less than the other) leave in the order they were
// put. It panics if less is nil.
func NewPriority[T any](maxsize int, less func(a, b T) bool) *Queue[T] {
	panic("queue: NewPriority is not written yet (docs/katas/queue.md)")
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
	panic("queue: Put is not written yet (docs/katas/queue.md)")
}

// TryPut adds v without waiting. It returns ErrFull if the queue is full and
// ErrShutdown if it is shut down.
func (q *Queue[T]) TryPut(v T) error {
	panic("queue: TryPut is not written yet (docs/katas/queue.md)")
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
	panic("queue: Get is not written yet (docs/katas/queue.md)")
}

// TryGet removes and returns the next item without waiting. It returns
// ErrEmpty if the queue is empty, and ErrShutdown if it is also shut down.
func (q *Queue[T]) TryGet() (T, error) {
	panic("queue: TryGet is not written yet (docs/katas/queue.md)")
}

// TaskDone marks one item that was Put as processed. When no unfinished item
// is left, every Join returns. It panics with "queue: TaskDone called too
// many times" when there is no unfinished item.
func (q *Queue[T]) TaskDone() {
	panic("queue: TaskDone is not written yet (docs/katas/queue.md)")
}

// Join waits until every item that was Put has been marked done by TaskDone
// (or dropped by Shutdown(true)), and returns nil; at once if none is
// unfinished, even when ctx is done. Otherwise it returns ctx.Err() if ctx
// is done before the TaskDone (or Shutdown) that ends the last unfinished
// task, even if Join has not run since; only when the two are truly
// concurrent may the TaskDone win, and Join returns nil.
func (q *Queue[T]) Join(ctx context.Context) error {
	panic("queue: Join is not written yet (docs/katas/queue.md)")
}

// Len returns the number of items in the queue. It is only a snapshot.
func (q *Queue[T]) Len() int {
	panic("queue: Len is not written yet (docs/katas/queue.md)")
}

// Cap returns the most items the queue holds: the maxsize it was made with,
// or 0 if it is unbounded.
func (q *Queue[T]) Cap() int {
	panic("queue: Cap is not written yet (docs/katas/queue.md)")
}

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
	panic("queue: Shutdown is not written yet (docs/katas/queue.md)")
}
