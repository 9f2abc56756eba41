// Package netfake provides in-memory stand-ins for the network, for testing
// servers and clients inside synctest bubbles: a goroutine blocked on a real
// socket is not durably blocked, so a bubble could never advance its clock
// past it, while one blocked on an in-memory pipe or channel is.
//
// Listener hands out net.Pipe connections; Transport serves HTTP requests
// with an http.Handler in the same process. Neither reaches the network.
package netfake

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
)

// ErrClosed is returned by Accept and Dial once the Listener is closed.
var ErrClosed = errors.New("netfake: listener closed")

// addr is the address of every in-memory Listener.
type addr struct{}

func (addr) Network() string { return "pipe" }
func (addr) String() string  { return "netfake" }

// A Listener is a net.Listener whose connections are the server ends of
// net.Pipe pairs, made by Dial. Create one with Listen; it is safe for
// concurrent use.
type Listener struct {
	conns chan net.Conn // server ends, handed from Dial to Accept

	closeOnce sync.Once
	closed    chan struct{} // closed by Close
}

// Listen returns a Listener with no connections.
func Listen() *Listener {
	return &Listener{conns: make(chan net.Conn), closed: make(chan struct{})}
}

// Accept waits for a Dial and returns the server end of its connection, or
// ErrClosed once the Listener is closed.
func (l *Listener) Accept() (net.Conn, error) {
	select {
	case c := <-l.conns:
		return c, nil
	case <-l.closed:
		return nil, ErrClosed
	}
}

// Close makes Accept and Dial fail from now on. Connections already accepted
// stay open. Closing twice is allowed.
func (l *Listener) Close() error {
	l.closeOnce.Do(func() { close(l.closed) })
	return nil
}

// Addr returns the in-memory address "netfake".
func (l *Listener) Addr() net.Addr { return addr{} }

// Dial connects to the Listener: it waits until Accept takes the server end
// and returns the client end. It fails with ctx.Err() when ctx is done first,
// and with ErrClosed when the Listener is closed first.
func (l *Listener) Dial(ctx context.Context) (net.Conn, error) {
	server, client := net.Pipe()
	select {
	case l.conns <- server:
		return client, nil
	case <-l.closed:
		err := ErrClosed
		server.Close()
		client.Close()
		return nil, err
	case <-ctx.Done():
		server.Close()
		client.Close()
		return nil, ctx.Err()
	}
}

// A Transport is an http.RoundTripper that serves each request by calling
// Handler in a goroutine of its own, with the request's ctx, and returns what
// it wrote. A request whose ctx ends first fails with the ctx's error; the
// handler sees the same ctx and should return. The zero value with Handler
// set is ready.
type Transport struct {
	Handler http.Handler
}

// RoundTrip serves req with t.Handler.
func (t *Transport) RoundTrip(req *http.Request) (*http.Response, error) {
	rec := httptest.NewRecorder()
	served := make(chan struct{})
	in := req.Clone(req.Context())
	if in.Body == nil {
		in.Body = http.NoBody
	}
	go func() {
		defer close(served)
		t.Handler.ServeHTTP(rec, in)
	}()
	select {
	case <-served:
		res := rec.Result()
		res.Request = req
		return res, nil
	case <-req.Context().Done():
		return nil, req.Context().Err()
	}
}
