package echotest

// Servers on real loopback TCP, for the properties that time does not matter
// to: every wait is bounded by storm.Timeout, so that a server that loses
// bytes fails the property with a sentence instead of hanging it.

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"os"
	"time"

	"github.com/conckata/conckata/internal/storm"
	"pgregory.net/rapid"
)

// loopback starts a Server of impl with s on a new listener on 127.0.0.1
// (passed through wrap, if not nil), and returns its address and the
// function that stops it: it cancels Serve's ctx and, if strict, fails t
// unless Serve returns nil within storm.Timeout. The caller closes its
// connections, then calls stop (deferred, not with t.Cleanup, which would
// run after the harness has looked for goroutines left running).
func loopback(t rapid.TB, impl Impl, s Settings, wrap func(net.Listener) net.Listener) (addr string, stop func(strict bool)) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("listening on 127.0.0.1:0: %v", err)
	}
	addr = ln.Addr().String()
	if wrap != nil {
		ln = wrap(ln)
	}
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	srv := impl.New(s)
	go func() { served <- srv.Serve(ctx, ln) }()
	return addr, func(strict bool) {
		cancel()
		timer := time.NewTimer(storm.Timeout)
		defer timer.Stop()
		select {
		case err := <-served:
			if err != nil && strict {
				t.Errorf("Serve returned %v once ctx was done, want nil", err)
			}
		case <-timer.C:
			ln.Close() // lets a Serve blocked in Accept go
			if strict {
				t.Errorf("Serve did not return within %v of ctx being done with no connection open", storm.Timeout)
			}
		}
	}
}

// dialLoopback connects to addr, with every read and write on the
// connection bounded by ctx's deadline.
func dialLoopback(ctx context.Context, addr string) (*net.TCPConn, error) {
	var d net.Dialer
	c, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return nil, err
	}
	if deadline, ok := ctx.Deadline(); ok {
		c.SetDeadline(deadline)
	}
	return c.(*net.TCPConn), nil
}

// payload returns n bytes drawn from a source seeded by seed and who: two
// clients of one run send different bytes, so that a server that mixes
// their streams up is seen.
func payload(seed uint64, who, n int) []byte {
	r := rand.New(rand.NewPCG(seed, uint64(who)))
	p := make([]byte, n)
	for i := range p {
		p[i] = byte(r.Uint32())
	}
	return p
}

// sendAll writes chunks to c, one Write each, then, if halfClose is set,
// half-closes c. It returns the first error.
func sendAll(c *net.TCPConn, chunks [][]byte, halfClose bool) error {
	for _, chunk := range chunks {
		if _, err := c.Write(chunk); err != nil {
			return err
		}
	}
	if halfClose {
		return c.CloseWrite()
	}
	return nil
}

// exchange sends chunks on c from a goroutine of its own while it reads
// their echo: len(want) bytes, then, with halfClose, EOF. It returns "" if
// the echo is want (and EOF came), else what went wrong, in words.
func exchange(c *net.TCPConn, chunks [][]byte, halfClose bool) string {
	want := bytes.Join(chunks, nil)
	sent := make(chan error, 1)
	go func() { sent <- sendAll(c, chunks, halfClose) }()
	var got []byte
	var err error
	if halfClose {
		got, err = io.ReadAll(c)
	} else {
		got = make([]byte, len(want))
		var n int
		n, err = io.ReadFull(c, got)
		got = got[:n]
	}
	if err != nil {
		c.Close() // ends the sender, if it is stuck
	}
	<-sent
	return compareEcho(got, want, err, halfClose)
}

// compareEcho says how got, read until err, differs from want.
func compareEcho(got, want []byte, err error, untilEOF bool) string {
	what := fmt.Sprintf("sent %d bytes", len(want))
	if untilEOF {
		what += " and half-closed"
	}
	if len(got) > len(want) {
		return fmt.Sprintf("%s, and got back %d: more than was sent", what, len(got))
	}
	if i := firstDifference(got, want); i >= 0 {
		return fmt.Sprintf("%s, and byte %d of the echo is %#02x, want %#02x (%s)", what, i, got[i], want[i], around(got, want, i))
	}
	switch {
	case err == nil:
		return ""
	case len(got) == len(want) && errors.Is(err, os.ErrDeadlineExceeded):
		return fmt.Sprintf("%s; got every byte back, but no EOF within %v: once the client has half-closed and all is echoed, the server must close its side", what, storm.Timeout)
	case errors.Is(err, os.ErrDeadlineExceeded):
		return fmt.Sprintf("%s; got back %d of them within %v, want all %d in order", what, len(got), storm.Timeout, len(want))
	}
	return fmt.Sprintf("%s; got back %d of them, then %v, want all %d in order", what, len(got), err, len(want))
}

// firstDifference returns the index of the first byte of got that is not
// want's, or -1 if got is a prefix of want, which is no shorter.
func firstDifference(got, want []byte) int {
	for i := range len(got) {
		if got[i] != want[i] {
			return i
		}
	}
	return -1
}

// around shows got and want near byte i, which both have.
func around(got, want []byte, i int) string {
	lo := max(0, i-4)
	return fmt.Sprintf("bytes %d on: got % x, want % x", lo, got[lo:min(len(got), i+5)], want[lo:min(len(want), i+5)])
}
