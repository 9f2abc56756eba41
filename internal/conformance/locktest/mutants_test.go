package locktest

import "github.com/conckata/conckata/internal/harness"

// mutants are the known lock bugs, each one switch on a plain mutex.
var mutants = []harness.Mutant[Impl]{
	{Name: "lost-wake-up-on-cancel", Bug: "Unlock hands the lock to a waiter whose ctx is done, and the waiter returns ctx.Err() without passing the lock on: it stays held by no one and the waiters behind it are stuck (CPython bpo-27585)", Impl: mutant(bugs{lostWakeUp: true})},
	{Name: "two-holders-on-cancel-release", Bug: "a cancelled waiter passes a wake-up on although it was never handed the lock: cancel the second, release the first, and two goroutines hold the lock (CPython bpo-32734)", Impl: mutant(bugs{wakeNextOnCancel: true})},
	{Name: "barging", Bug: "Unlock frees the lock and wakes the head waiter to compete for it, so a TryLock or Lock that comes first takes it past the waiter", Impl: mutant(bugs{barging: true})},
	{Name: "lifo-waiters", Bug: "the newest waiter is handed the lock first", Impl: mutant(bugs{lifo: true})},
	{Name: "silent-unlock-of-unlocked", Bug: "Unlock of an unlocked mutex does nothing, hiding a double unlock", Impl: mutant(bugs{silentUnlock: true})},
	{Name: "ctx-ignored-while-waiting", Bug: "Lock checks ctx on entry but not while it waits: a cancelled waiter stays queued until it is handed the lock", Impl: mutant(bugs{ignoreCtxWhileWaiting: true})},
	{Name: "grant-after-cancel", Bug: "Unlock hands the lock to a waiter whose ctx was cancelled before it, and the waiter keeps it (CPython test_cancel_race)", Impl: mutant(bugs{grantAfterCancel: true})},
}
