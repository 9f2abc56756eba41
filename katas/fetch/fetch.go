// Package fetch checks the status of many URLs at once with one HTTP
// client: the Go form of the seed's aiohttp ClientSession with
// asyncio.as_completed over status checks, and of its thread-pool version
// with a progress reporter.
//
// Statuses makes at most limit requests at a time, all on the caller's
// client so that its connections are reused, reports each completion to a
// progress function called from one goroutine, and returns the results in
// the order of the URLs. It returns only after every request it made has
// ended, so no goroutine outlives the call.
//
// This is the kata: make `go run ./cmd/kata test fetch` pass.
// The properties are explained in docs/katas/fetch.md.
package fetch

import (
	"context"
	"net/http"
)

// A Result is what became of one URL: the status code of its response
// (Status), or the error that kept it from having one (Err), never both. An
// HTTP error status such as 404 or 500 is a Status, not an Err.
type Result struct {
	URL    string // the URL, as given
	Status int    // the response's status code; 0 when Err is set
	Err    error  // why there is no status: a bad URL, a refused connection, ctx
}

// Statuses sends a GET request to each URL with client (http.DefaultClient
// if nil) and returns, in the order of urls, each one's status code or
// error. At most limit requests are in flight at once (10 if limit <= 0).
// Each response's body is read (up to 64 KiB) and closed, so that client
// keeps the connection for the next request: with a client that keeps
// limit idle connections per host, the requests to one host reuse limit
// connections instead of dialling one each. Statuses changes nothing in
// client.
//
// If progress is not nil, it is called once per URL, after that URL's
// result is known, with done rising by one from 1 to total = len(urls).
// Its calls are made from the goroutine that called Statuses, one at a
// time, and the last one happens before Statuses returns. A panic in
// progress cancels the requests in flight, waits for them, and goes on up
// the caller's stack.
//
// When ctx is done, Statuses starts no new request and returns as soon as
// the requests in flight have ended: each of those fails with the client's
// error, which wraps ctx.Err(), and every URL not yet requested gets
// ctx.Err() itself (progress still counts them). With no URLs, Statuses
// returns an empty slice at once, without calling client or progress.
func Statuses(ctx context.Context, client *http.Client, urls []string, limit int, progress func(done, total int)) []Result {
	panic("fetch: Statuses is not written yet (docs/katas/fetch.md)")
}
