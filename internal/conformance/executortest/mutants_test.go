package executortest

import "github.com/conckata/conckata/internal/harness"

// mutants are the known executor bugs, each one switch on a plain executor.
var mutants = []harness.Mutant[Impl]{
	{Name: "completion-order", Bug: "results are kept in the order the calls finish (appended under a mutex, or read from one shared channel), not in input order", Impl: plain(bugs{completionOrder: true})},
	{Name: "goroutine-per-item", Bug: "workers is ignored: one goroutine per element, as `for _, x := range in { go f(x) }`, so a large input runs everything at once, and Stream reads and starts all it can", Impl: plain(bugs{goroutinePerItem: true})},
	{Name: "eager-input", Bug: "Stream collects its whole input (slices.Collect) before the first call, so it never yields on an endless input and holds the whole input in memory", Impl: plain(bugs{eagerInput: true})},
	{Name: "error-does-not-cancel", Bug: "the first error is recorded, but the calls running are not cancelled and the others still start, so Map waits for all of them (conc/iter's MapErr does this by design)", Impl: plain(bugs{noCancelOnError: true})},
	{Name: "cancelled-sibling-error-wins", Bug: "every error replaces the last, so Map returns the context.Canceled of a call that its own cancellation stopped, instead of the error that caused it", Impl: plain(bugs{lastErrorWins: true})},
	{Name: "break-leaks-workers", Bug: "breaking out of a Stream loop cancels the calls running but does not wait for them: they outlive the loop", Impl: plain(bugs{breakLeaks: true})},
	{Name: "panic-escapes", Bug: "a panic in fn is not recovered in the goroutine that called it and kills the process (what errgroup does on purpose)", Impl: plain(bugs{panicEscapes: true})},
	{Name: "ctx-ignored", Bug: "the calls get a ctx detached from the caller's (context.WithoutCancel), so cancelling ctx stops nothing", Impl: plain(bugs{ctxIgnored: true})},
}
