package gathertest

import "github.com/conckata/conckata/internal/harness"

// mutants are the known gather bugs, each one switch on a plain gather.
var mutants = []harness.Mutant[Impl]{
	{Name: "results-in-completion-order", Bug: "results are appended as the functions finish, so they come in completion order, not argument order (conc/pool's result pools do this, and say so)", Impl: mutant(bugs{completionOrder: true})},
	{Name: "last-error-instead-of-first", Bug: "every error overwrites the one before, so Gather returns the last error, often a sibling's context.Canceled, instead of the one that caused it", Impl: mutant(bugs{lastError: true})},
	{Name: "siblings-not-cancelled", Bug: "the first error is recorded but the others' ctx is not cancelled, so Gather waits for every sibling to finish its work (asyncio.gather's behaviour, which the Go form deliberately does not keep)", Impl: mutant(bugs{noCancel: true})},
	{Name: "returns-before-siblings-exit", Bug: "Gather returns as soon as a function fails, leaving the siblings running: their goroutines leak and outlive the call (asyncio.gather does this, and CPython documents it)", Impl: mutant(bugs{returnEarly: true})},
}
