// Package bfftest is the conformance suite of the bff kata: the properties
// of docs/katas/bff.md, run against any implementation of its API (the
// learner's kata, the reference, the peer and the mutants).
//
// Every property but one runs in a testing/synctest bubble, with the handler
// calling four fake backends over an in-memory transport (internal/netfake):
// each fake answers after a latency on the bubble's clock, with a status and
// body, or a refused connection, as the property chooses, and records what
// reached it. So "the page takes as long as the slowest call", "cut at the
// timeout" and "skipped at once" are exact and instant, and a call that was
// made, or left running, is counted rather than guessed. What the handler
// leaves running is found by the profile label of the goroutines it started.
// end-to-end-over-loopback runs the same page on httptest servers on
// 127.0.0.1, on the real clock.
//
// The suite cannot see a call that the handler makes to a backend the fakes
// do not serve, and it checks the breakers' settings only at the points the
// doc page names (the 5th failure, the 10s); like any concurrency test it
// may miss a data race on a given run: run it under -race.
package bfftest

import (
	"net/http"
	"testing"
	"time"

	"github.com/conckata/conckata/internal/harness"
)

// Backends and Options have the fields of the kata's types, so that the
// test file converts one to the other.
type (
	Backends struct{ Product, Inventory, Favorites, Cart string }
	Options  struct{ Timeout time.Duration }
)

// Impl is an implementation of the bff kata.
type Impl struct {
	Handler func(client *http.Client, b Backends, opt Options) http.Handler
}

// Suite holds the properties, in the order the doc page explains them.
var Suite = &harness.Suite[Impl]{
	Kata: "bff",
	Properties: []harness.Property[Impl]{
		{Name: "page-combines-backends", Expect: "GET /products/{id}?user=U answers 200 with each backend's JSON under its name and \"errors\": [], after one GET to each backend at its URL", Check: pageCombinesBackends},
		{Name: "calls-run-at-once", Expect: "the four backend calls run at once: the page takes as long as the slowest call, not the sum", Check: callsRunAtOnce},
		{Name: "optional-failure-gives-null", Expect: "an optional backend that fails (an error status, a body that is not JSON, a refused connection) is null on the page and named in \"errors\", and the page is still 200", Check: optionalFailureGivesNull},
		{Name: "slow-optional-is-cut-at-timeout", Expect: "an optional call slower than Options.Timeout (0: 1s) is cut, and its request cancelled, at the timeout: the page does not wait for it", Check: slowOptionalIsCutAtTimeout},
		{Name: "product-404-gives-404", Expect: "the product service's 404 answers 404 with a JSON error at once, cancelling the other calls, and any number of 404s leave the product's breaker closed", Check: product404Gives404},
		{Name: "product-failure-gives-502", Expect: "any other failure of the product service (an error status, a body that is not JSON, a refused connection, the timeout) answers 502 with a JSON error at once, cancelling the other calls", Check: productFailureGives502},
		{Name: "open-breaker-skips-backend", Expect: "after 5 failures in a row a backend's breaker is open: for 10s the page does not call it and reports it failed at once; then one trial call closes it again", Check: openBreakerSkipsBackend},
		{Name: "bad-input-gets-json-error", Expect: "a malformed id, a missing or odd user, a wrong method or a path that is not the page gets 400, 405 or 404 with a JSON error, and reaches no backend", Check: badInputGetsJSONError},
		{Name: "bad-settings-panic", Expect: "Handler panics with a \"bff: ...\" message naming the field for a base URL that is not http(s) with a host, or a negative Timeout", Check: badSettingsPanic},
		{Name: "nothing-left-running", Expect: "when ServeHTTP returns, every backend call it made has ended, even one still slow: a client that goes away cancels them all at once, and counts against no breaker", Check: nothingLeftRunning},
		{Name: "end-to-end-over-loopback", Expect: "the page served by httptest on 127.0.0.1, from four httptest backends, has the four calls in flight at once and answers 200, null for a failing cart, and 404", Check: endToEndOverLoopback},
	},
}

// Run checks every property of the bff kata against impl.
func Run(t *testing.T, impl Impl) {
	t.Helper()
	Suite.Run(t, impl)
}
