package semaphoretest

import "github.com/conckata/conckata/internal/harness"

// mutants are the known semaphore bugs, each one switch on a plain semaphore.
var mutants = []harness.Mutant[Impl]{
	{Name: "cancelled-head-does-not-notify", Bug: "a cancelled waiter at the head leaves without waking the waiters behind it (golang/go#37852)", Impl: mutant(bugs{noNotifyOnCancel: true})},
	{Name: "raced-grant-loses-permit", Bug: "Release hands permits to a waiter whose ctx is done, as x/sync's Weighted did, and the waiter, woken by its ctx, finds them and returns ctx.Err() without giving them back: a naive fix of golang/go#63615", Impl: mutant(bugs{loseRacedPermit: true})},
	{Name: "barging-try-acquire", Bug: "TryAcquire takes free permits past queued waiters", Impl: mutant(bugs{barging: true})},
	{Name: "release-wakes-to-retry", Bug: "Release frees the permit and wakes the head waiter to try again, so a TryAcquire in between takes it (CPython gh-90155)", Impl: mutant(bugs{wakeToRetry: true})},
	{Name: "lifo-waiters", Bug: "the newest waiter is served first", Impl: mutant(bugs{lifo: true})},
	{Name: "capacity-n-plus-one", Bug: "New(n) hands out n+1 permits", Impl: mutant(bugs{extraPermit: true})},
	{Name: "over-release-accepted", Bug: "releasing more than held silently grows the semaphore", Impl: mutant(bugs{acceptOverRelease: true})},
	{Name: "done-ctx-ignored-at-entry", Bug: "Acquire with a ctx already done succeeds when permits are free", Impl: mutant(bugs{ignoreDoneAtEntry: true})},
	{Name: "grant-after-cancel", Bug: "Release hands permits to a waiter whose ctx was cancelled before it, and the waiter keeps them (golang/go#63615, CPython test_acquire_cancel_before_awoken)", Impl: mutant(bugs{grantAfterCancel: true})},
}
