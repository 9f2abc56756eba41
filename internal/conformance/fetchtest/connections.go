package fetchtest

import (
	"context"
	"fmt"
	"net/http"
	"testing"
)

// spareConns is how many connections beyond the limit the server may see.
// A caller that reads every body to the end and closes it gets its
// connections back for the next request, but net/http's Transport does not
// promise to use only those: under load it now and then gives up a
// connection whose request it has not yet seen written (it waits 50ms for
// that), and a request that finds no idle connection dials one and may then
// take another that came back meanwhile, leaving the new one spare. Under
// -race on a loaded 2-core machine that costs up to 3 extra connections per
// 1000 requests at limit 4; a body left open costs one per request.
const spareConns = 20

func connectionsReused(t *testing.T, impl Impl) {
	const n, limit = 1000, 4
	s := newServer(true)
	defer s.Close()
	_, tr := newClient(limit)
	defer tr.CloseIdleConnections()
	watch := &bodyWatch{RoundTripper: tr}
	client := &http.Client{Transport: watch}
	urls := make([]string, n)
	for i := range urls {
		urls[i] = fmt.Sprintf("%s/%d", s.URL, i)
	}
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel() // ends the requests of an implementation that fails half-way
	// The server holds the first requests until limit of them are in, then
	// lets every request through: the limit is reached exactly, not by
	// luck, and the first connections are all dialled before any comes
	// back to the pool, so that none of them is left spare.
	reached := make(chan bool, 1)
	go func() {
		reached <- s.waitHeld(ctx, limit)
		s.gate.Open()
	}()
	res := impl.Statuses(ctx, client, urls, limit, nil)
	call := fmt.Sprintf("Statuses of %d URLs at limit %d on a client that keeps %d idle connections per host", n, limit, limit)
	if !<-reached {
		t.Fatalf("%s never had %d requests in flight at once (the server held the first ones for 2s, and saw at most %d): the limit must be reached",
			call, limit, s.inFlight.Most())
	}
	checkInFlightAndResults(t, call, s, limit, urls, res)
	if got := watch.requests.Load(); got != n {
		t.Fatalf("%s sent %d requests through the client's Transport; want %d: every request goes through the caller's client", call, got, n)
	}
	drained, closed, conns := watch.drained.Load(), watch.closed.Load(), s.conns.Load()
	if drained != n || closed != n || conns > limit+spareConns {
		t.Fatalf("%s read %d of the %d response bodies to the end, closed %d, and opened %d connections; want every body read to the end and closed, so that the connections are reused: %d (or a few more, which net/http dials now and then)",
			call, drained, n, closed, conns, limit)
	}
	if client.Transport != watch || client.Timeout != 0 || client.Jar != nil || client.CheckRedirect != nil ||
		tr.MaxIdleConnsPerHost != limit || tr.MaxConnsPerHost != 0 || tr.MaxIdleConns != 0 || tr.DisableKeepAlives {
		t.Fatalf("%s changed the caller's client or its Transport; want them left as they were (another goroutine may be using them)", call)
	}
}

// checkInFlightAndResults fails t if the server saw more than limit
// requests in flight at once, or if res is not every URL's 200, in order.
func checkInFlightAndResults(t *testing.T, call string, s *server, limit int, urls []string, res []Result) {
	t.Helper()
	if most := s.inFlight.Most(); most > int64(limit) {
		t.Fatalf("%s had %d requests in flight at one moment, on the server's count; want at most %d", call, most, limit)
	}
	if len(res) != len(urls) {
		t.Fatalf("%s returned %d results, want %d", call, len(res), len(urls))
	}
	for i, r := range res {
		if r != (Result{URL: urls[i], Status: http.StatusOK}) {
			t.Fatalf("%s returned %s at index %d; want {%s 200}", call, show(r), i, urls[i])
		}
	}
}
