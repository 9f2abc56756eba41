// Package echo serves TCP echo connections: every byte a client sends comes
// back to it, in order, until it closes. It is the Go form of the seed's
// asyncio echo server: a non-blocking socket whose connections are accepted
// with sock_accept, a task per connection, and a SIGINT handler that stops
// accepting and gives the tasks a grace period before it cancels them.
//
// This is the kata: make `go run ./cmd/kata test echo` pass. Its command,
// cmd/echo, is yours to finish too (its serve function).
// The properties are explained in docs/katas/echo.md.
package echo

import (
	"context"
	"net"
	"time"
)

// A Server echoes the connections of a listener. Its fields are its settings;
// the zero value is ready: no limit on connections, no idle timeout, and no
// grace period (open connections are closed as soon as Serve's ctx is done).
//
// A Server holds nothing but its settings, which must not change while Serve
// runs: Serve may be called more than once, even at the same time on several
// listeners, each call with its own connections and its own MaxConns.
type Server struct {
	MaxConns    int           // connections served at once; 0 means no limit; over it, new ones wait in Accept
	IdleTimeout time.Duration // a connection silent this long is closed; 0 means never
	Grace       time.Duration // on shutdown, open connections may finish for this long, then are closed

	// Your fields here, if you need any (Serve's state can live in Serve).
}

// Serve accepts connections on ln and echoes each one, in a goroutine of its
// own, until ctx is done. Each connection's bytes come back to it in order:
// Serve reads at most a fixed-size buffer at a time and writes all of it
// back before it reads again, even to a connection whose Write takes fewer
// bytes than it is given. A client's half-close (CloseWrite) is honoured:
// what it sent is echoed, then Serve closes the connection.
//
// With MaxConns above 0, Serve does not call Accept while MaxConns
// connections are open, so new clients wait in the listener's backlog. With
// IdleTimeout above 0, a connection on which nothing arrives, or on which the
// client takes nothing that Serve writes, for that long is closed.
//
// When ctx is done, Serve closes ln, so no new connection is accepted, and the
// open connections go on being echoed for Grace; each ends when its client
// closes it. At the end of Grace those still open are closed. Serve returns
// once every connection it accepted is closed and every goroutine it started
// has returned: nil when ctx ended it. If Accept fails first, Serve shuts
// down the same way and returns Accept's error. It closes ln in every case.
//
// Serve panics if ln is nil or a setting is negative.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	panic("echo: Serve is not written yet (docs/katas/echo.md)")
}
