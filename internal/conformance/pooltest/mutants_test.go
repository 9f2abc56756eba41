package pooltest

import "github.com/conckata/conckata/internal/harness"

// mutants are the known pool bugs, each one switch on a plain pool.
var mutants = []harness.Mutant[Impl]{
	{Name: "slot-kept-after-failed-open", Bug: "a failed Open does not give back the slot it took, so the pool shrinks for good and its waiters are stranded (puddle 513cb84)", Impl: mutant(bugs{keepSlotOnFailedOpen: true})},
	{Name: "resource-dropped-for-cancelled-waiter", Bug: "the Open runs on the caller's ctx and its resource is only for that caller: when the caller gives up, the open is cancelled or its resource is dropped, never closed (pgx#1259)", Impl: mutant(bugs{dropForCancelledWaiter: true})},
	{Name: "max-size-exceeded-by-concurrent-opens", Bug: "Acquire checks for a free slot but counts it only once Open returns, so concurrent Acquire calls all open (puddle 8101c0d)", Impl: mutant(bugs{countSlotAfterOpen: true})},
	{Name: "close-does-not-wake-waiters", Bug: "Close leaves the waiting Acquire calls queued: they wait for a release that, on a closed pool, closes the resource instead of handing it on", Impl: mutant(bugs{closeLeavesWaiters: true})},
	{Name: "double-close", Bug: "Close closes the idle resources but keeps them listed, so a second Close closes them again", Impl: mutant(bugs{closeIdleTwice: true})},
	{Name: "lease-to-cancelled-waiter", Bug: "a Release (or an Open, or Close) serves the longest waiting Acquire even when its ctx was cancelled before: the caller that gave up gets the lease, and the next live waiter goes on waiting (this kata's reference before issue 9; x/sync's semaphore, under puddle, fails such a waiter)", Impl: mutant(bugs{leaseToCancelled: true})},
}
