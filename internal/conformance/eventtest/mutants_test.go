package eventtest

import "github.com/conckata/conckata/internal/harness"

// mutants are the known event bugs, each one switch on a plain event.
var mutants = []harness.Mutant[Impl]{
	{Name: "recheck-after-wake", Bug: "a woken waiter checks the flag again and goes back to waiting if a Clear followed the Set: the lost wake-up of `for !set { cond.Wait() }` (CPython test_clear_with_waiters)", Impl: mutant(bugs{recheckAfterWake: true})},
	{Name: "set-wakes-one", Bug: "Set releases only the first waiter, as a channel send or cond.Signal would, and leaves the rest blocked", Impl: mutant(bugs{setWakesOne: true})},
	{Name: "cancelled-waiters-kept", Bug: "a cancelled Wait leaves its entry in the waiter list until a Set that may never come, so memory grows with every cancelled wait (CPython test_wait_cancel checks ev._waiters)", Impl: mutant(bugs{keepCancelled: true})},
	{Name: "ctx-ignored", Bug: "Wait blocks until Set whatever its ctx says", Impl: mutant(bugs{ignoreCtx: true})},
	{Name: "unsynchronised-isset", Bug: "IsSet reads a plain bool that Set and Clear write under the mutex: a data race, which only the race detector sees", Impl: mutant(bugs{unsynchronisedIsSet: true})},
}
