// Package fetchtest is the conformance suite of the fetch kata: the
// properties of docs/katas/fetch.md, run against any implementation of its
// API (the learner's kata, the reference, the peers and the mutants).
//
// Two kinds of web site answer the requests. The properties of order,
// limits, progress and cancellation run inside testing/synctest bubbles,
// on a fake site served in memory (internal/netfake) whose requests finish
// at chosen times on the bubble's clock or are held until the property lets
// them go: "exactly limit requests in flight" and "returns at the moment
// ctx is cancelled" are then exact and instant. The properties of
// connections, bad URLs and the storm run against a real HTTP server on
// 127.0.0.1 (net/http/httptest) that counts, on its own side, the requests
// in flight and the connections it accepted, and can hold the first
// requests until limit of them are in. Those are real concurrency and, like
// any concurrency test, may miss a bug on a given run (a momentary excess
// the server did not see, a race that did not happen): run them under the
// race detector.
package fetchtest

import (
	"context"
	"net/http"
	"testing"

	"github.com/conckata/conckata/internal/harness"
)

// Result is the kata's Result.
type Result struct {
	URL    string
	Status int
	Err    error
}

// Results converts an implementation's results to the suite's, keeping a
// nil slice nil.
func Results[R ~struct {
	URL    string
	Status int
	Err    error
}](rs []R) []Result {
	if rs == nil {
		return nil
	}
	out := make([]Result, len(rs))
	for i, r := range rs {
		out[i] = Result(r)
	}
	return out
}

// Statuses is the kata's Statuses.
type Statuses func(ctx context.Context, client *http.Client, urls []string, limit int, progress func(done, total int)) []Result

// Impl is an implementation of the fetch kata.
type Impl struct {
	Statuses Statuses
}

// Suite holds the properties, in the order the doc page explains them.
var Suite = &harness.Suite[Impl]{
	Kata: "fetch",
	Properties: []harness.Property[Impl]{
		{Name: "results-in-input-order", Expect: "the result at index i is urls[i]'s, with its URL and its status (404 and 500 are statuses, not errors), whatever order the responses arrive in", Check: resultsInInputOrder},
		{Name: "limit-bounds-in-flight", Expect: "exactly min(limit, URLs not yet answered) requests in flight whenever the requests wait: never more, and each one answered is replaced at once", Check: limitBoundsInFlight},
		{Name: "limit-zero-means-ten", Expect: "a limit of 0 or below means 10 requests in flight", Check: limitZeroMeansTen},
		{Name: "connections-reused", Expect: "1000 requests at limit 4 to a server on 127.0.0.1, all through the caller's client, which keeps 4 idle connections per host, reach 4 in flight and never more, read every body to the end and close it, so that the server sees 4 connections (a few more at most: net/http's spares), and leave the client as it was", Check: connectionsReused},
		{Name: "progress-serial-and-complete", Expect: "progress is called once per URL, one call at a time, with done rising by one from 1 to total = len(urls), every call before Statuses returns; a nil progress is allowed", Check: progressSerialAndComplete},
		{Name: "cancel-returns-promptly", Expect: "once ctx is done, Statuses starts no new request and returns at once (as soon as the requests in flight end), the results not known by then marked with an error that is ctx.Err(), and progress still counting every URL", Check: cancelReturnsPromptly},
		{Name: "bad-urls-give-errors", Expect: "a URL that cannot be requested (no scheme, an unsupported scheme, empty, unparsable, a closed port on 127.0.0.1) gets Status 0 and an Err, never a panic, and the other URLs their statuses", Check: badURLsGiveErrors},
		{Name: "empty-list-calls-nothing", Expect: "no URLs (nil or empty) gives an empty result at once, without a request or a call to progress, even with a done ctx or a nil client", Check: emptyListCallsNothing},
		{Name: "nil-client-means-default", Expect: "a nil client means http.DefaultClient, as http.Get does", Check: nilClientMeansDefault},
		{Name: "storm-of-statuses", Expect: "concurrent calls on one client to a server on 127.0.0.1, some cancelled by short deadlines, each return their URLs' statuses in order, keep their own limit, and call their progress one at a time", Check: stormOfStatuses},
	},
}

// Run checks every property of the fetch kata against impl.
func Run(t *testing.T, impl Impl) {
	t.Helper()
	Suite.Run(t, impl)
}
