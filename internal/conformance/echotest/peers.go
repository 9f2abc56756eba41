package echotest

import (
	"context"
	"io"
	"net"
	"sync"
	"time"

	"github.com/conckata/conckata/internal/harness"
	"golang.org/x/net/netutil"
)

// Peers returns the echo kata's peer: the textbook Go echo server, a
// goroutine per connection running io.Copy(conn, conn), with what it needs
// for the kata's settings: x/net's netutil.LimitListener for MaxConns (it
// waits for a free slot before it calls Accept), a read deadline set before
// each Read for IdleTimeout, and a set of open connections that the end of
// Grace closes.
func Peers() []harness.Peer[Impl] {
	noCommand := "the peer is a Server only: the command is the kata's"
	return []harness.Peer[Impl]{{Name: "io-copy", Impl: Impl{New: NewCopy}, Skip: map[string]string{
		"short-writes-completed": "io.Copy stops at a Write that takes fewer bytes than it is given and reports no error, returning io.ErrShortWrite: " +
			"it relies on io.Writer's rule (n < len(p) comes with an error), which every net.Conn keeps and this property's connection breaks on purpose",
		"bad-settings-panic":          "the peer checks no settings: the panics are the kata's API, not io.Copy's",
		"command-drains-on-sigint":    noCommand,
		"command-second-signal-stops": noCommand,
	}}}
}

// NewCopy returns the io.Copy peer with the settings s.
func NewCopy(s Settings) Server { return &copyServer{s: s} }

type copyServer struct{ s Settings }

func (c *copyServer) Serve(ctx context.Context, ln net.Listener) error {
	if c.s.MaxConns > 0 {
		ln = netutil.LimitListener(ln, c.s.MaxConns)
	}
	stop := context.AfterFunc(ctx, func() { ln.Close() })
	defer stop()
	var open openConns
	var handlers sync.WaitGroup
	var err error
	for {
		conn, aerr := ln.Accept()
		if aerr != nil {
			if ctx.Err() == nil {
				err = aerr
				ln.Close()
			}
			break
		}
		open.add(conn)
		handlers.Go(func() {
			defer open.close(conn)
			var src io.Reader = conn
			if c.s.IdleTimeout > 0 {
				src = idleReader{conn, c.s.IdleTimeout}
			}
			io.Copy(conn, src)
		})
	}
	finished := make(chan struct{})
	go func() {
		handlers.Wait()
		close(finished)
	}()
	select {
	case <-finished:
	case <-time.After(c.s.Grace):
		open.closeAll()
		<-finished
	}
	return err
}

// idleReader sets conn's read deadline idle from now before each Read.
type idleReader struct {
	conn net.Conn
	idle time.Duration
}

func (r idleReader) Read(p []byte) (int, error) {
	if err := r.conn.SetReadDeadline(time.Now().Add(r.idle)); err != nil {
		return 0, err
	}
	return r.conn.Read(p)
}

// openConns is the set of open connections, for closing them all.
type openConns struct {
	mu    sync.Mutex // protects conns
	conns map[net.Conn]bool
}

func (o *openConns) add(c net.Conn) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.conns == nil {
		o.conns = map[net.Conn]bool{}
	}
	o.conns[c] = true
}

func (o *openConns) close(c net.Conn) {
	o.mu.Lock()
	delete(o.conns, c)
	o.mu.Unlock()
	c.Close()
}

func (o *openConns) closeAll() {
	o.mu.Lock()
	defer o.mu.Unlock()
	for c := range o.conns {
		c.Close()
	}
}
