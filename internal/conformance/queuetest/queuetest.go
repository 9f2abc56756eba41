// Package queuetest is the conformance suite of the queue kata: the
// properties of docs/katas/queue.md, run against any implementation of its API
// (the learner's kata, the reference, the peers and the mutants).
//
// Properties that depend on ordering run inside testing/synctest bubbles, so
// they are exact and instant. The storm and the linearizable property run
// real goroutines and, like any concurrency test, may miss a bug on a given
// run: run them under -race. The
// memory property compares the live heap before and after many cancelled
// waits; it cannot see a queue that keeps a few bytes per wait.
package queuetest

import (
	"context"
	"testing"

	"github.com/conckata/conckata/internal/harness"
)

// Queue is the API under test, at T = int.
type Queue interface {
	Put(ctx context.Context, v int) error
	TryPut(v int) error
	Get(ctx context.Context) (int, error)
	TryGet() (int, error)
	TaskDone()
	Join(ctx context.Context) error
	Len() int
	Cap() int
	Shutdown(immediate bool)
}

// Impl is an implementation of the queue kata.
type Impl struct {
	NewFIFO     func(maxsize int) Queue
	NewLIFO     func(maxsize int) Queue
	NewPriority func(maxsize int, less func(a, b int) bool) Queue

	ErrEmpty    error // TryGet on an empty queue
	ErrFull     error // TryPut on a full queue
	ErrShutdown error // Put, and Get once drained, after Shutdown
}

// Suite holds the properties, in the order the doc page explains them.
var Suite = &harness.Suite[Impl]{
	Kata: "queue",
	Properties: []harness.Property[Impl]{
		{Name: "fifo-order", Expect: "a FIFO queue returns its items in the order they were put, and Len counts them", Check: fifoOrder},
		{Name: "lifo-order", Expect: "a LIFO queue returns the item put last first", Check: lifoOrder},
		{Name: "priority-order-is-stable", Expect: "a priority queue returns the least item by less first, and equal items in the order they were put", Check: priorityOrderIsStable},
		{Name: "bounded-capacity", Expect: "a queue of maxsize n holds at most n items: Cap() is n, TryPut fails with ErrFull and Put waits until a Get makes room", Check: boundedCapacity},
		{Name: "unbounded-never-full", Expect: "a queue made with maxsize <= 0 is never full and its Cap() is 0", Check: unboundedNeverFull},
		{Name: "done-ctx-fails-at-entry", Expect: "Put and Get with a ctx that is already done return ctx.Err() even when they could proceed, and change nothing", Check: doneCtxFailsAtEntry},
		{Name: "blocked-getters-served-fifo", Expect: "Gets waiting on an empty queue receive the items put in the order they started waiting, and a TryGet never takes an item past them", Check: blockedGettersServedFIFO},
		{Name: "blocked-putters-served-fifo", Expect: "Puts waiting on a full queue are let in, in the order they started waiting, and a TryPut never takes a free slot past them", Check: blockedPuttersServedFIFO},
		{Name: "cancel-leaves-queue-unchanged", Expect: "a waiting Get or Put whose ctx is cancelled or expires returns ctx.Err(), takes or adds no item, and the other waiters keep their places", Check: cancelLeavesQueueUnchanged},
		{Name: "cancel-before-hand-off-wins", Expect: "a waiting Get or Put whose ctx is cancelled before the Put or Get that would serve it returns ctx.Err(), even if it has not run since, and the item or the slot goes to the next live waiter or to the queue", Check: cancelBeforeHandOffWins},
		{Name: "cancelled-get-never-swallows-an-item", Expect: "a waiting Get cancelled before an item is put returns ctx.Err() and the item goes to the next Get or stays in the queue; one cancelled after returns the item (CPython test_get_cancelled_race)", Check: cancelledGetNeverSwallowsAnItem},
		{Name: "cancelled-put-never-inserts", Expect: "a waiting Put cancelled before a Get makes room returns ctx.Err() without its item, and the next Put is let in; one cancelled after returns nil with its item in the queue (CPython test_put_cancelled_race)", Check: cancelledPutNeverInserts},
		{Name: "cancelled-waiters-leave-nothing", Expect: "cancelled Gets and Puts leave nothing behind: many of them do not grow the live heap", Check: cancelledWaitersLeaveNothing},
		{Name: "join-waits-for-task-done", Expect: "Join returns once every item put has been marked done by TaskDone, not merely taken by Get, and returns ctx.Err() if ctx is done before the last TaskDone, even if it has not run since", Check: joinWaitsForTaskDone},
		{Name: "task-done-too-many-panics", Expect: `TaskDone with no unfinished item panics with "queue: TaskDone called too many times"`, Check: taskDoneTooManyPanics},
		{Name: "shutdown-drains-then-fails", Expect: "after Shutdown(false), Puts fail with ErrShutdown, waiting Puts too, and Gets return the items left, then ErrShutdown (a waiting Get cancelled before the Shutdown returns ctx.Err())", Check: shutdownDrainsThenFails},
		{Name: "shutdown-immediate-drops-items", Expect: "Shutdown(true) drops the items, lowers the unfinished count by exactly the number dropped, and wakes every waiting Get and Put with ErrShutdown", Check: shutdownImmediateDropsItems},
		{Name: "storm-delivers-each-item-once", Expect: "under a storm of Puts and Gets on real goroutines, many with expiring ctxs, every item whose Put returned nil is got exactly once, and no other", Check: stormDeliversEachItemOnce},
		{Name: "matches-model-fifo", Expect: "any sequence of Put, TryPut, Get, TryGet and cancellations on a bounded FIFO queue, one call at a time, behaves as its sequential model", Check: matchesModelFIFO},
		{Name: "matches-model-lifo", Expect: "any sequence of Put, TryPut, Get, TryGet and cancellations on a bounded LIFO queue, one call at a time, behaves as its sequential model", Check: matchesModelLIFO},
		{Name: "matches-model-priority", Expect: "any sequence of Put, TryPut, Get, TryGet and cancellations on a bounded priority queue, one call at a time, behaves as its sequential model", Check: matchesModelPriority},
		{Name: "matches-model-tasks-and-shutdown", Expect: "any sequence of every call, TaskDone, Join and Shutdown included, on any kind of queue, one call at a time, behaves as its sequential model", Check: matchesModelTasksAndShutdown},
		{Name: "linearizable", Expect: "histories of Put, TryPut, Get, TryGet, Len and cancellations made by four goroutines at once on a FIFO queue are linearizable against its sequential model, in which a call whose ctx was cancelled takes no item and adds none", Check: linearizable},
	},
}

// Run checks every property of the queue kata against impl.
func Run(t *testing.T, impl Impl) {
	t.Helper()
	Suite.Run(t, impl)
}

// byKey is the less function the suite's priority queues are made with: an
// item's key is v / keyed, so items with the same key are equal for the
// queue yet tell apart which was put first.
func byKey(a, b int) bool { return a/keyed < b/keyed }

const keyed = 10_000
