package bfftest

import "github.com/conckata/conckata/internal/harness"

// mutants are the known bugs of a backend-for-frontend, each one switch on
// plain.
var mutants = []harness.Mutant[Impl]{
	{Name: "sequential-calls", Bug: "the four calls are made one after another, each awaited before the next starts, so the page takes the sum of their times: awaiting each session.get in turn instead of gathering them, as the seed's BFF still does for its inventory calls, which wait for the product list (chapter 10, listing 10.8)", Impl: mutant(bugs{sequentialCalls: true})},
	{Name: "optional-failure-fails-page", Bug: "a failed optional call fails the whole page with 502, as asyncio.gather without return_exceptions=True raises the first exception: one broken cart service takes every product page down", Impl: mutant(bugs{optionalFailsPage: true})},
	{Name: "no-optional-timeout", Bug: "the optional calls have no deadline of their own, so one slow backend holds the page for as long as it takes: asyncio.wait without its timeout=1.0, which the seed's BFF passes", Impl: mutant(bugs{noOptionalTimeout: true})},
	{Name: "breaker-not-consulted", Bug: "the breakers are built but each call goes straight to its backend, so a backend that is down is called, and waited for, on every page: the seed's CircuitBreaker (listing 10.11) created, and session.get called instead of its request()", Impl: mutant(bugs{breakerNotConsulted: true})},
}
