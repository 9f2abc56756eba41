package shieldtest

import "github.com/conckata/conckata/internal/harness"

// mutants are plausible shield bugs, each one switch on a plain shield.
var mutants = []harness.Mutant[Impl]{
	{Name: "shield-forwards-cancel", Bug: "cancelling the shield cancels the task too, as awaiting a task does in asyncio: the shield protects nothing", Impl: mutant(bugs{forwardsCancel: true})},
	{Name: "shield-ignores-own-cancel", Bug: "the shield waits for the task whatever its own ctx says, so WaitFor(Shield(t), timeout) cannot time out before t is done", Impl: mutant(bugs{ignoresOwnCancel: true})},
	{Name: "error-dropped", Bug: "the shield returns the task's value with a nil error, so a failed or panicked task looks like a success", Impl: mutant(bugs{dropsError: true})},
	{Name: "detach-keeps-deadline", Bug: "Detach embeds the parent and overrides Done and Err only, so Deadline still reports the parent's deadline, and a context.WithTimeout child with a later one trusts the parent to end it and never expires", Impl: mutant(bugs{keepsDeadline: true})},
	{Name: "detach-drops-values", Bug: "Detach returns context.Background(), which drops the cancellation and the values with it (trace IDs, loggers)", Impl: mutant(bugs{dropsValues: true})},
	{Name: "detach-prints-as-parent", Bug: "Detach's String is the parent's (promoted from an embedded parent), so a detached ctx prints as a cancellable one", Impl: mutant(bugs{printsAsParent: true})},
}
