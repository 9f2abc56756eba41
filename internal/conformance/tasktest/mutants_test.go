package tasktest

import "github.com/conckata/conckata/internal/harness"

// mutants are the known task bugs, each one switch on a plain task.
var mutants = []harness.Mutant[Impl]{
	{Name: "wait-for-returns-early", Bug: "on timeout WaitFor cancels the task and returns ErrTimeout at once, while the task is still running its clean-up (CPython bpo-32751: wait_for did not wait for the cancelled task)", Impl: mutant(bugs{waitForReturnsEarly: true})},
	{Name: "cancel-after-done-changes-result", Bug: "Cancel records the request, and Result and Cancelled report context.Canceled whenever it was made, even after fn returned its result (asyncio's cancel() on a done task does nothing)", Impl: mutant(bugs{cancelChangesResult: true})},
	{Name: "panic-escapes", Bug: "fn runs without a deferred recover, so a panic in it kills the whole process", Impl: mutant(bugs{panicEscapes: true})},
	{Name: "wait-cancels-task", Bug: "Wait cancels the task when its own ctx is done, so a caller that stops waiting also stops the work others wait for", Impl: mutant(bugs{waitCancels: true})},
}
