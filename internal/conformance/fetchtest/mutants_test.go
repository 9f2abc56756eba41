package fetchtest

import "github.com/conckata/conckata/internal/harness"

// mutants are the known fetch bugs, each one switch on a plain Statuses.
var mutants = []harness.Mutant[Impl]{
	{Name: "unbounded-concurrency", Bug: "every request is started at once and limit is ignored, so a long list opens as many connections as it has URLs (the seed's first aiohttp version, which gathers every request at once; the reason asyncio code reaches for a Semaphore)", Impl: mutant(bugs{unbounded: true})},
	{Name: "body-not-closed", Bug: "the status is read and the response body is neither drained nor closed, so no connection goes back to the client's pool and every request dials a new one (the leak net/http's documentation warns of: \"If the Body is not both read to EOF and closed, the Client's underlying RoundTripper (typically Transport) may not be able to re-use a persistent TCP connection\")", Impl: mutant(bugs{bodyNotClosed: true})},
	{Name: "progress-from-several-goroutines", Bug: "each worker calls progress itself, outside any lock, so calls overlap and a progress reporter that is not thread-safe races (the seed's thread-pool version needs a Lock around its counter for this reason)", Impl: mutant(bugs{concurrentProgress: true})},
	{Name: "results-in-completion-order", Bug: "results are appended as the responses arrive, so they come in completion order, not in the order of the URLs (what iterating asyncio.as_completed gives, and conc/pool's result pools)", Impl: mutant(bugs{completionOrder: true})},
}
