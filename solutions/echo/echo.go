// Package echo serves TCP echo connections: every byte a client sends comes
// back to it, in order, until it closes. It is the Go form of the seed's
// asyncio echo server: a non-blocking socket whose connections are accepted
// with sock_accept, a task per connection, and a SIGINT handler that stops
// accepting and gives the tasks a grace period before it cancels them.
//
// The command in cmd/echo serves it on 127.0.0.1:8000 until SIGINT or SIGTERM.
package echo

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"sync"
	"time"
)

// bufSize is the size of each connection's buffer: one Read takes at most
// this many bytes, so a client that sends a lot at once never makes the
// server hold more than this for it.
const bufSize = 32 << 10

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
	s.mustBeValid(ln)
	// closing is done when the connections still open must be closed: at
	// the end of Grace. It is not derived from ctx, which ends earlier.
	closing, closeAll := context.WithCancel(context.WithoutCancel(ctx))
	defer closeAll()
	var handlers sync.WaitGroup
	err := s.accept(ctx, ln, closing, &handlers)
	s.drain(&handlers, closeAll)
	return err
}

func (s *Server) mustBeValid(ln net.Listener) {
	switch {
	case ln == nil:
		panic("echo: Serve with a nil listener")
	case s.MaxConns < 0:
		panic(fmt.Sprintf("echo: negative MaxConns %d", s.MaxConns))
	case s.IdleTimeout < 0:
		panic(fmt.Sprintf("echo: negative IdleTimeout %v", s.IdleTimeout))
	case s.Grace < 0:
		panic(fmt.Sprintf("echo: negative Grace %v", s.Grace))
	}
}

// accept accepts connections on ln, starting a handler for each, until ctx is
// done or Accept fails. It returns nil in the first case, Accept's error in
// the second; ln is closed either way.
//
// A done ctx must end a goroutine blocked in Accept, which only closing ln
// does, so ln is closed as soon as ctx is done rather than when accept
// returns: checking ctx between Accepts would leave the listener open, and
// accepting, until the next client arrived.
func (s *Server) accept(ctx context.Context, ln net.Listener, closing context.Context, handlers *sync.WaitGroup) error {
	closeListener := sync.OnceFunc(func() { ln.Close() })
	defer closeListener() // waits, if ctx's AfterFunc is closing ln
	stop := context.AfterFunc(ctx, closeListener)
	defer stop()
	slots := newSlots(s.MaxConns)
	for {
		if !slots.take(ctx) {
			return nil
		}
		conn, err := ln.Accept()
		if err != nil {
			slots.give()
			if ctx.Err() != nil {
				return nil // ln was closed for ctx
			}
			return fmt.Errorf("echo: accepting connections: %w", err)
		}
		handlers.Go(func() {
			defer slots.give()
			s.echo(conn, closing)
		})
	}
}

// drain waits for the handlers to return: for Grace at most, after which it
// closes the connections still open and waits for their handlers, which
// return at once.
func (s *Server) drain(handlers *sync.WaitGroup, closeAll context.CancelFunc) {
	done := make(chan struct{})
	go func() {
		handlers.Wait()
		close(done)
	}()
	grace := time.NewTimer(s.Grace)
	defer grace.Stop()
	select {
	case <-done:
	case <-grace.C:
		closeAll()
		<-done
	}
}

// slots bounds the connections served at once: one token in the channel per
// open connection. A nil slots is no bound.
type slots chan struct{}

func newSlots(n int) slots {
	if n == 0 {
		return nil
	}
	return make(slots, n)
}

// take waits for a free slot and takes it. It reports false, taking nothing,
// once ctx is done, even if a slot is free.
func (s slots) take(ctx context.Context) bool {
	if s == nil || ctx.Err() != nil {
		return ctx.Err() == nil
	}
	select {
	case s <- struct{}{}:
		if ctx.Err() != nil {
			s.give()
			return false
		}
		return true
	case <-ctx.Done():
		return false
	}
}

// give frees the slot that take took.
func (s slots) give() {
	if s != nil {
		<-s
	}
}

// echo writes back to conn what it reads from it, until the client closes or
// half-closes it (io.EOF: all it sent has been echoed), a read or a write
// fails (the idle timeout among them), or closing is done. Then it closes
// conn. Its buffer is its own: a buffer shared between connections would
// hand one client's bytes to another.
func (s *Server) echo(conn net.Conn, closing context.Context) {
	defer conn.Close()
	stop := context.AfterFunc(closing, func() { conn.Close() })
	defer stop()
	buf := make([]byte, bufSize)
	for {
		s.idleDeadline(conn.SetReadDeadline)
		n, err := conn.Read(buf)
		if n > 0 {
			s.idleDeadline(conn.SetWriteDeadline)
			if werr := writeAll(conn, buf[:n]); werr != nil {
				return
			}
		}
		if err != nil {
			return
		}
	}
}

// idleDeadline sets, through set, the deadline IdleTimeout from now, if there
// is an idle timeout. A deadline that cannot be set fails the Read or Write
// it was meant for, so its error is not needed here.
func (s *Server) idleDeadline(set func(time.Time) error) {
	if s.IdleTimeout > 0 {
		_ = set(time.Now().Add(s.IdleTimeout))
	}
}

// errNoProgress is writeAll's error for a writer that takes nothing and
// reports no error: writing again would loop for ever.
var errNoProgress = errors.New("echo: Write wrote nothing and returned no error")

// writeAll writes p to w in full. A net.Conn's Write does so already, or
// fails; writeAll also serves a writer that takes fewer bytes than it is
// given without an error, as send(2) and Python's sock.send may: it writes
// the rest again (Python's sendall), where io.Copy would stop with
// io.ErrShortWrite and lose the rest.
func writeAll(w io.Writer, p []byte) error {
	for len(p) > 0 {
		n, err := w.Write(p)
		if err != nil {
			return err
		}
		if n == 0 {
			return errNoProgress
		}
		p = p[n:]
	}
	return nil
}
