package queuetest

import "github.com/conckata/conckata/internal/harness"

// mutants are the known queue bugs, each one switch on a plain queue.
var mutants = []harness.Mutant[Impl]{
	{Name: "cancelled-getter-loses-item", Bug: "a Get handed an item that finds its ctx done by the time it runs returns ctx.Err() and drops the item, though the Put came first (the race of CPython's test_get_cancelled_race)", Impl: mutant(bugs{loseRacedItem: true})},
	{Name: "unstable-priority", Bug: "equal items of a priority queue leave in no particular order (here the newest first), as from a binary heap without an insertion sequence number", Impl: mutant(bugs{unstablePriority: true})},
	{Name: "lifo-served-fifo", Bug: "the LIFO queue returns the oldest item first", Impl: mutant(bugs{lifoAsFIFO: true})},
	{Name: "join-counts-gets", Bug: "Join returns once every item has been taken by a Get, before the TaskDones say the work is done", Impl: mutant(bugs{joinCountsGets: true})},
	{Name: "task-done-underflow-accepted", Bug: "TaskDone with no unfinished item is accepted and drives the count below zero, so that a later Join returns early", Impl: mutant(bugs{acceptUnderflow: true})},
	{Name: "immediate-shutdown-leaves-count", Bug: "Shutdown(true) drops the items but not their unfinished tasks, so Join never returns", Impl: mutant(bugs{shutdownKeepsCount: true})},
	{Name: "capacity-ignored", Bug: "a bounded queue accepts every Put: maxsize is ignored", Impl: mutant(bugs{ignoreCapacity: true})},
	{Name: "item-to-cancelled-getter", Bug: "Put hands its item to the longest waiting Get even when that Get's ctx was cancelled before the Put: the Get returns an item its caller gave up on, and the next Get goes on waiting (this kata's reference before issue 9; CPython's getter.cancel() takes a waiter out of the hand-offs at once)", Impl: mutant(bugs{itemToCancelledGetter: true})},
	{Name: "cancelled-putter-inserts", Bug: "a Get that makes room lets in the item of the longest waiting Put even when that Put's ctx was cancelled before the Get: an item its caller gave up on enters the queue, and Put returns nil after its ctx was done (this kata's reference before issue 9)", Impl: mutant(bugs{cancelledPutterInserts: true})},
	{Name: "join-after-cancel", Bug: "the last TaskDone lets a waiting Join return nil even when the Join's ctx was cancelled before it (this kata's reference before issue 9: one channel closed at zero, and a select that prefers it)", Impl: mutant(bugs{joinAfterCancel: true})},
}
