package fetchtest

import (
	"context"
	"fmt"
	"net/http"
	"testing"
)

func connectionsReused(t *testing.T, impl Impl) {
	const n, limit = 1000, 4
	s := newServer(true)
	defer s.Close()
	client, tr := newClient(limit)
	defer tr.CloseIdleConnections()
	urls := make([]string, n)
	for i := range urls {
		urls[i] = fmt.Sprintf("%s/%d", s.URL, i)
	}
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel() // ends the requests of an implementation that fails half-way
	// The server holds the first requests until limit of them are in, then
	// lets every request through: the limit is reached exactly, not by
	// luck, and no connection is dialled while another stands idle.
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
	if most := s.inFlight.Most(); most > limit {
		t.Fatalf("%s had %d requests in flight at one moment, on the server's count; want at most %d", call, most, limit)
	}
	if conns := s.conns.Load(); conns > limit {
		t.Fatalf("%s opened %d connections to the server; want at most %d: each connection is reused once its body is read to the end and closed",
			call, conns, limit)
	}
	if len(res) != n {
		t.Fatalf("%s returned %d results, want %d", call, len(res), n)
	}
	for i, r := range res {
		if r != (Result{URL: urls[i], Status: http.StatusOK}) {
			t.Fatalf("%s returned %s at index %d; want {%s 200}", call, show(r), i, urls[i])
		}
	}
	if client.Transport != tr || client.Timeout != 0 || client.Jar != nil || client.CheckRedirect != nil ||
		tr.MaxIdleConnsPerHost != limit || tr.MaxConnsPerHost != 0 || tr.MaxIdleConns != 0 || tr.DisableKeepAlives {
		t.Fatalf("%s changed the caller's client or its Transport; want them left as they were (another goroutine may be using them)", call)
	}
}
