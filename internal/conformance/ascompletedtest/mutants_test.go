package ascompletedtest

import "github.com/conckata/conckata/internal/harness"

// mutants are the known ascompleted bugs, each one switch on a plain
// implementation.
var mutants = []harness.Mutant[Impl]{
	{Name: "argument-order", Bug: "results are yielded in argument order, each waiting for the one before it, as a loop over the tasks calling Wait would: a fast result waits for a slow one (what as_completed exists to avoid)", Impl: mutant(bugs{argumentOrder: true})},
	{Name: "break-leaks-goroutines", Bug: "a break returns from the iterator at once, neither cancelling the functions still running nor waiting for them: they outlive the loop, and those that wait for their ctx never end", Impl: mutant(bugs{leakOnBreak: true})},
	{Name: "timeout-waits-for-slow", Bug: "once ctx is done, the iterator waits for every function to return before it yields their ctx errors, so a function that ignores its ctx holds up the timeout (asyncio's as_completed raises TimeoutError at the timeout, whatever the futures do)", Impl: mutant(bugs{timeoutWaits: true})},
}
