package fetchtest

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/conckata/conckata/internal/gate"
	"github.com/conckata/conckata/internal/storm"
)

// A server is an HTTP server on 127.0.0.1 (net/http/httptest) that counts,
// on its own side, the connections it accepted and the requests in flight,
// overall and for each value of the query's call=ID. A request answers the
// status its query asks for (status=S, 200 without it) and a body of 1 KiB,
// which a client must read before its connection can carry another request.
//
// Its gate, when it holds, holds every request until the property opens the
// gate, or until the client goes away. A request stops counting as in
// flight before its answer is written, so that the count never includes a
// request whose client already has the whole answer and has moved on: the
// server never sees more in flight than the client has.
type server struct {
	*httptest.Server
	gate     *gate.Gate
	holds    bool
	conns    atomic.Int64 // connections accepted
	requests atomic.Int64
	inFlight storm.HighWater

	mu    sync.Mutex                  // protects calls
	calls map[string]*storm.HighWater // requests in flight, by the query's call
}

// body is every answer's body.
var body = strings.Repeat("fetch kata body\n", 64)

// newServer starts a server; with holds, its gate holds the requests.
func newServer(holds bool) *server {
	s := &server{gate: gate.New(false), holds: holds, calls: map[string]*storm.HighWater{}}
	s.Server = httptest.NewUnstartedServer(http.HandlerFunc(s.serve))
	s.Config.ConnState = func(_ net.Conn, state http.ConnState) {
		if state == http.StateNew {
			s.conns.Add(1)
		}
	}
	s.Start()
	return s
}

// Close lets every held request go, then closes the server, which waits for
// the requests being served.
func (s *server) Close() {
	s.gate.Open()
	s.Server.Close()
}

func (s *server) serve(w http.ResponseWriter, r *http.Request) {
	s.requests.Add(1)
	s.inFlight.Enter()
	call := s.call(r.URL.Query().Get("call"))
	call.Enter()
	var err error
	if s.holds {
		err = s.gate.Hold(r.Context())
	}
	call.Leave()
	s.inFlight.Leave()
	if err != nil {
		return // the client has gone
	}
	w.WriteHeader(statusOf(r))
	w.Write([]byte(body))
}

// call returns the count of requests in flight of the call id.
func (s *server) call(id string) *storm.HighWater {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.calls[id] == nil {
		s.calls[id] = new(storm.HighWater)
	}
	return s.calls[id]
}

// waitHeld waits until n requests are held, at most two seconds, and
// reports whether they were.
func (s *server) waitHeld(ctx context.Context, n int) bool {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	select {
	case <-s.gate.Full(n):
		return true
	case <-ctx.Done():
		return false
	}
}

// newClient returns a client of its own, whose Transport keeps up to
// idlePerHost idle connections per host. The caller closes its idle
// connections when done, so that none of their goroutines outlives the
// property.
func newClient(idlePerHost int) (*http.Client, *http.Transport) {
	tr := &http.Transport{MaxIdleConnsPerHost: idlePerHost}
	return &http.Client{Transport: tr}, tr
}

// closedPort returns the URL of a port on 127.0.0.1 that nothing listens on:
// one just listened on, and closed.
func closedPort(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("listening on 127.0.0.1: %v", err)
	}
	addr := l.Addr().String()
	l.Close()
	return "http://" + addr + "/"
}

// A bodyWatch is a client's Transport, wrapped to see what the code under
// test does with each response: whether it read the body to the end and
// closed it, which is what lets the Transport reuse the connection. It
// counts exactly, where the server's count of connections cannot: under
// load, net/http itself now and then dials a spare connection or drops one
// (see connectionsReused).
type bodyWatch struct {
	http.RoundTripper
	requests, drained, closed atomic.Int64
}

func (w *bodyWatch) RoundTrip(req *http.Request) (*http.Response, error) {
	w.requests.Add(1)
	resp, err := w.RoundTripper.RoundTrip(req)
	if err == nil {
		resp.Body = &watchedBody{ReadCloser: resp.Body, watch: w}
	}
	return resp, err
}

// A watchedBody counts, once each, its first io.EOF and its first Close.
type watchedBody struct {
	io.ReadCloser
	watch       *bodyWatch
	eof, closed atomic.Bool
}

func (b *watchedBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	if err == io.EOF && !b.eof.Swap(true) {
		b.watch.drained.Add(1)
	}
	return n, err
}

func (b *watchedBody) Close() error {
	if !b.closed.Swap(true) {
		b.watch.closed.Add(1)
	}
	return b.ReadCloser.Close()
}
