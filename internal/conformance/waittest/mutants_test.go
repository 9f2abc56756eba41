package waittest

import "github.com/conckata/conckata/internal/harness"

// mutants are plausible wait bugs, each one switch on a plain implementation.
// docs/contract.md lists none for this kata; these are the mistakes the properties
// are there to catch.
var mutants = []harness.Mutant[Impl]{
	{Name: "first-error-counts-cancelled", Bug: "FirstError takes any non-nil error for a failure, so a cancelled task ends the wait (asyncio's _wait checks `not f.cancelled()` before f.exception())", Impl: mutant(bugs{countsCancelled: true})},
	{Name: "first-error-stops-at-success", Bug: "FirstError returns at the first task done, failed or not: it is FirstCompleted under another name", Impl: mutant(bugs{stopsAtSuccess: true})},
	{Name: "cancels-pending", Bug: "Wait cancels the tasks still pending when it returns, as errgroup.WithContext or a timeout helper would; asyncio.wait never cancels, and the caller may still want those results", Impl: mutant(bugs{cancelsPending: true})},
	{Name: "completion-order", Bug: "done lists the tasks in the order they finished, not in list order, so done[i] no longer lines up with anything the caller knows", Impl: mutant(bugs{completionOrder: true})},
	{Name: "ctx-ignored", Bug: "Wait waits for its mode whatever ctx says: a deadline cannot bound it", Impl: mutant(bugs{ignoresCtx: true})},
	{Name: "late-mode-check", Bug: "an invalid mode is treated as AllCompleted and reported only after the wait, so a caller bug waits for every task before it shows", Impl: mutant(bugs{lateModeCheck: true})},
}
