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
package fetch

import (
	"context"
	"io"
	"net/http"
	"sync"
	"sync/atomic"
)

// defaultLimit is the number of requests in flight when the caller gives
// none (limit <= 0): aiohttp's and requests' pools are about that size.
const defaultLimit = 10

// drainLimit is how much of a body Statuses reads, and throws away, so that
// its connection can carry the next request: a body longer than that is
// cheaper to abandon, with its connection, than to read to the end.
const drainLimit = 64 << 10

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
	results := make([]Result, len(urls))
	if len(urls) == 0 {
		return results
	}
	if client == nil {
		client = http.DefaultClient
	}
	if limit <= 0 {
		limit = defaultLimit
	}
	ctx, cancel := context.WithCancel(ctx)
	f := &fetcher{client: client, urls: urls, results: results}
	if progress != nil {
		f.done = make(chan struct{}, len(urls))
	}
	var workers sync.WaitGroup
	// Deferred so that a panic in progress leaves nothing running either.
	defer workers.Wait()
	defer cancel()
	for range min(limit, len(urls)) {
		workers.Go(func() { f.work(ctx) })
	}
	if progress == nil {
		workers.Wait() // before the deferred cancel
		return results
	}
	for n := 1; n <= len(urls); n++ {
		<-f.done
		progress(n, len(urls))
	}
	return results
}

// A fetcher is one call of Statuses: its workers take the URLs in order,
// each writing only the result at the index it took, and, when there is a
// progress to call, tell the caller's goroutine of every result on done.
// The send on done makes the result visible to the caller's progress; the
// workers' return, waited for, makes every result visible to the caller.
//
// A fixed set of limit workers, rather than a goroutine per URL behind a
// semaphore, keeps the number of goroutines at limit however long the list
// is: the goroutines are what the limit is about.
type fetcher struct {
	client  *http.Client
	urls    []string
	results []Result
	next    atomic.Int64  // the index of the next URL to take
	done    chan struct{} // one send per result, nil without progress; room for all, so no worker ever waits on it
}

// work takes URLs until there are none left.
func (f *fetcher) work(ctx context.Context) {
	for {
		i := int(f.next.Add(1)) - 1
		if i >= len(f.urls) {
			return
		}
		f.results[i] = get(ctx, f.client, f.urls[i])
		if f.done != nil {
			f.done <- struct{}{}
		}
	}
}

// get requests url unless ctx is done already, and returns its status.
func get(ctx context.Context, client *http.Client, url string) Result {
	r := Result{URL: url}
	if r.Err = ctx.Err(); r.Err != nil {
		return r
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		r.Err = err
		return r
	}
	resp, err := client.Do(req)
	if err != nil {
		r.Err = err
		return r
	}
	r.Status = resp.StatusCode
	// An error while draining changes nothing: the status has arrived, and
	// a connection whose body failed is not reused anyway.
	io.Copy(io.Discard, io.LimitReader(resp.Body, drainLimit))
	resp.Body.Close()
	return r
}
