package echotest

// Servers on in-memory connections (internal/netfake), inside synctest
// bubbles: a client blocked on an in-memory pipe is durably blocked, so the
// bubble's clock can move past it, and every step can wait for the server
// to be idle (synctest.Wait) before it looks.

import (
	"context"
	"fmt"
	"io"
	"net"
	"strconv"
	"sync"
	"testing/synctest"
	"time"

	"github.com/conckata/conckata/internal/bubble"
	"github.com/conckata/conckata/internal/netfake"
	"pgregory.net/rapid"
)

// watched is an in-memory listener that counts what the server does with it.
type watched struct {
	*netfake.Listener

	mu       sync.Mutex // protects the fields below
	closed   bool       // the server called Close
	accepted int        // connections Accept handed to the server
	open     int        // of those, the ones the server has not closed
	most     int        // the most that were open at once
}

func watch() *watched { return &watched{Listener: netfake.Listen()} }

func (l *watched) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.accepted++
	l.open++
	l.most = max(l.most, l.open)
	return &watchedConn{Conn: c, l: l}, nil
}

func (l *watched) Close() error {
	l.mu.Lock()
	l.closed = true
	l.mu.Unlock()
	return l.Listener.Close()
}

func (l *watched) isClosed() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.closed
}

// counts returns how many connections are open now, and the most that were.
func (l *watched) counts() (open, most int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.open, l.most
}

// watchedConn is the server's end of a connection, counted until it closes.
type watchedConn struct {
	net.Conn
	l    *watched
	once sync.Once
}

func (c *watchedConn) Close() error {
	c.once.Do(func() {
		c.l.mu.Lock()
		c.l.open--
		c.l.mu.Unlock()
	})
	return c.Conn.Close()
}

// fakeServer is a Serve running in a bubble on a watched listener, and the
// clients the property dialled.
type fakeServer struct {
	ln    *watched
	serve *bubble.Call
	dials []*dialing
}

// startFake starts a Server of impl with s, and returns once the bubble is
// idle. It must run in a bubble; end ends everything it started.
func startFake(impl Impl, s Settings) *fakeServer {
	ln := watch()
	srv := impl.New(s)
	return &fakeServer{ln: ln, serve: bubble.Start("Serve", func(ctx context.Context) error { return srv.Serve(ctx, ln) })}
}

// end lets everything the property started end, even after a failure, so
// that the bubble ends cleanly and the property's own message is the one
// reported: it cancels Serve, breaks the listener under it, closes every
// client and waits.
func (f *fakeServer) end() {
	f.serve.Cancel()
	f.ln.Listener.Close()
	synctest.Wait()
	for _, d := range f.dials {
		if d.returned() && d.conn != nil {
			d.conn.Close()
		}
	}
	synctest.Wait()
}

// dialing is a Dial running in a goroutine of its own.
type dialing struct {
	done chan struct{} // closed when Dial has returned
	conn net.Conn
	err  error
}

// startDial starts a Dial and returns once the bubble is idle: the Dial has
// then been accepted, refused, or waits for Accept.
func (f *fakeServer) startDial() *dialing {
	d := &dialing{done: make(chan struct{})}
	f.dials = append(f.dials, d)
	go func() {
		defer close(d.done)
		d.conn, d.err = f.ln.Dial(context.Background())
	}()
	synctest.Wait()
	return d
}

func (d *dialing) returned() bool {
	select {
	case <-d.done:
		return true
	default:
		return false
	}
}

// dial connects a client, and fails t unless Serve accepts it at once.
func (f *fakeServer) dial(t rapid.TB, who string) net.Conn {
	t.Helper()
	d := f.startDial()
	switch {
	case !d.returned():
		t.Fatalf("%s: Dial still waits: Serve does not Accept it", who)
	case d.err != nil:
		t.Fatalf("%s: Dial returned %v, want a connection", who, d.err)
	}
	return d.conn
}

// roundTrip writes msg on c and reads its echo, and fails t unless it comes
// back at once.
func roundTrip(t rapid.TB, c net.Conn, who, msg string) {
	t.Helper()
	receive(t, c, who+" wrote "+strconv.Quote(msg)+" and", msg, func() error {
		_, err := io.WriteString(c, msg)
		return err
	})
}

// receive runs send, if not nil, then reads len(want) bytes from c, and
// fails t unless they are want, at once.
func receive(t rapid.TB, c net.Conn, who, want string, send func() error) {
	t.Helper()
	done := make(chan struct{})
	got := make([]byte, len(want))
	var n int
	var err error
	go func() {
		defer close(done)
		if send != nil {
			if err = send(); err != nil {
				return
			}
		}
		n, err = io.ReadFull(c, got)
	}()
	synctest.Wait()
	select {
	case <-done:
	default:
		t.Fatalf("%s got no echo: the server does not serve the connection", who)
	}
	switch {
	case err != nil:
		t.Fatalf("%s got back %q, then %v, want %q", who, got[:n], err, want)
	case string(got) != want:
		t.Fatalf("%s got back %q, want %q", who, got, want)
	}
}

// reading is a client's Read running in a goroutine of its own, waiting for
// the server to close the connection.
type reading struct {
	done chan struct{} // closed when Read has returned
	n    int
	err  error
	at   time.Time // when Read returned
}

func startRead(c net.Conn) *reading {
	r := &reading{done: make(chan struct{})}
	go func() {
		defer close(r.done)
		r.n, r.err = c.Read(make([]byte, 1))
		r.at = time.Now()
	}()
	synctest.Wait()
	return r
}

func (r *reading) returned() bool {
	select {
	case <-r.done:
		return true
	default:
		return false
	}
}

// closed reports whether the server had closed the connection by now, and
// fails t if a byte arrived instead.
func (r *reading) closed(t rapid.TB, who string) bool {
	t.Helper()
	if !r.returned() {
		return false
	}
	if r.n > 0 {
		t.Fatalf("%s sent nothing, yet a byte arrived", who)
	}
	return true
}

// since says how long after start the read returned, for failure messages.
func (r *reading) since(start time.Time) string {
	return fmt.Sprint(r.at.Sub(start))
}
