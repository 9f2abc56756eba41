package echotest

// The bytes echoed, over real loopback TCP: in order, for any payload, on
// many connections at once, through a half-close, and through a connection
// whose Write takes only a few bytes at a time.

import (
	"fmt"
	"io"
	"net"
	"sync"
	"testing"
	"testing/synctest"

	"github.com/conckata/conckata/internal/storm"
	"pgregory.net/rapid"
)

// echoesEveryByteInOrder runs every case rapid draws on one server: a
// server per case would only add the time each takes to stop. How it stops
// is the shutdown properties' business, and a failure reported after rapid
// has passed would read as "[rapid] OK": its stop is not strict.
func echoesEveryByteInOrder(t *testing.T, impl Impl) {
	addr, stop := loopback(t, impl, Settings{}, nil)
	defer stop(false)
	rapid.Check(t, func(rt *rapid.T) {
		chunk := rapid.IntRange(1, 40_000)
		clients := rapid.SliceOfN(rapid.SliceOfN(chunk, 1, 4), 1, 6).Draw(rt, "the chunk sizes each client writes")
		seed := rapid.Uint64().Draw(rt, "seed of the bytes")
		ctx, cancel := storm.Context(t)
		defer cancel()
		failures := make([]string, len(clients))
		var wg sync.WaitGroup
		for i, sizes := range clients {
			wg.Go(func() {
				c, err := dialLoopback(ctx, addr)
				if err != nil {
					failures[i] = "could not connect: " + err.Error()
					return
				}
				defer c.Close()
				failures[i] = exchange(c, split(payload(seed, i, sum(sizes)), sizes), false)
			})
		}
		wg.Wait()
		for i, f := range failures {
			if f != "" {
				rt.Fatalf("of %d clients at once, client %d %s", len(clients), i, f)
			}
		}
	})
}

func connectionsKeptApart(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		f := startFake(impl, Settings{})
		defer f.end()
		msg := func(i int) string { return fmt.Sprintf("client %d says hello", i) }
		conns := make([]net.Conn, 4)
		for i := range conns {
			conns[i] = f.dial(t, fmt.Sprintf("client %d", i))
		}
		// Each client sends its message and reads nothing yet: the server
		// has read it, and waits to write it back.
		for i, c := range conns {
			sent := make(chan error, 1)
			go func() {
				_, err := io.WriteString(c, msg(i))
				sent <- err
			}()
			synctest.Wait()
			select {
			case err := <-sent:
				if err != nil {
					t.Fatalf("client %d could not send: %v", i, err)
				}
			default:
				t.Fatalf("client %d sent %q and the server did not read it", i, msg(i))
			}
		}
		for i, c := range conns {
			receive(t, c, fmt.Sprintf("of %d clients that each sent their message before any read its echo, client %d", len(conns), i), msg(i), nil)
		}
	})
}

func halfCloseHonoured(t *testing.T, impl Impl) {
	addr, stop := loopback(t, impl, Settings{}, nil)
	defer stop(true)
	ctx, cancel := storm.Context(t)
	defer cancel()
	for i, n := range []int{0, 1, 1000, 300_000} {
		c, err := dialLoopback(ctx, addr)
		if err != nil {
			t.Fatalf("could not connect: %v", err)
		}
		var chunks [][]byte
		if n > 0 {
			chunks = [][]byte{payload(1, i, n)}
		}
		if msg := exchange(c, chunks, true); msg != "" {
			t.Errorf("a client %s", msg)
		}
		c.Close()
	}
}

// shortWrite is the most a shortConn's Write takes at once.
const shortWrite = 3

// shortConn is a connection whose Write takes at most shortWrite bytes and
// says so only by its count, with no error, as send(2) and Python's
// sock.send may. A net.Conn's own Write never does: it writes all, or fails.
type shortConn struct{ net.Conn }

func (c shortConn) Write(p []byte) (int, error) {
	return c.Conn.Write(p[:min(len(p), shortWrite)])
}

// CloseWrite half-closes the connection, for a server that does so.
func (c shortConn) CloseWrite() error { return c.Conn.(*net.TCPConn).CloseWrite() }

// shortListener accepts shortConns.
type shortListener struct{ net.Listener }

func (l shortListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return shortConn{c}, nil
}

func shortWritesCompleted(t *testing.T, impl Impl) {
	addr, stop := loopback(t, impl, Settings{}, func(ln net.Listener) net.Listener { return shortListener{ln} })
	defer stop(true)
	ctx, cancel := storm.Context(t)
	defer cancel()
	c, err := dialLoopback(ctx, addr)
	if err != nil {
		t.Fatalf("could not connect: %v", err)
	}
	defer c.Close()
	sizes := []int{700, 1, 1300}
	if msg := exchange(c, split(payload(2, 0, sum(sizes)), sizes), false); msg != "" {
		t.Errorf("through a connection whose Write takes at most %d bytes a call and reports no error for the rest (as send(2) may), a client %s: check the count Write returns and write the rest again",
			shortWrite, msg)
	}
}

func sum(sizes []int) int {
	n := 0
	for _, s := range sizes {
		n += s
	}
	return n
}

// split cuts p into chunks of the given sizes, which add up to len(p).
func split(p []byte, sizes []int) [][]byte {
	chunks := make([][]byte, len(sizes))
	for i, n := range sizes {
		chunks[i], p = p[:n], p[n:]
	}
	return chunks
}
