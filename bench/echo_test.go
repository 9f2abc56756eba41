package bench

import (
	"context"
	"io"
	"net"
	"testing"

	"github.com/conckata/conckata/internal/conformance/echotest"
	kata "github.com/conckata/conckata/katas/echo"
	"github.com/conckata/conckata/solutions/echo"
)

// echoServers have no connection limit, no idle timeout and no grace: the
// settings that cost nothing, so that what is measured is the echo itself.
var echoServers = []impl[echotest.Server]{
	{"reference", func() echotest.Server { return &echo.Server{} }},
	{"io-copy", func() echotest.Server { return echotest.NewCopy(echotest.Settings{}) }},
	{"kata", func() echotest.Server { return &kata.Server{} }},
}

// probeEcho serves with a ctx already done, which a Server not written yet
// panics at.
func probeEcho(s echotest.Server) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	defer ln.Close()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	s.Serve(ctx, ln)
}

// serveEcho serves with s on a free loopback port, and returns its address
// and the function that stops it.
func serveEcho(b *testing.B, s echotest.Server) (string, func()) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- s.Serve(ctx, ln) }()
	return ln.Addr().String(), func() {
		cancel()
		if err := <-served; err != nil {
			b.Error(err)
		}
	}
}

// echoRoundTrips sends msg on a connection to addr and reads its echo, b.N
// times in all (op=roundtrip) or from each goroutine of RunParallel.
func echoRoundTrips(b *testing.B, addr string, size int, next func() bool) {
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		b.Error(err)
		return
	}
	defer conn.Close()
	msg, back := make([]byte, size), make([]byte, size)
	for next() {
		if _, err := conn.Write(msg); err != nil {
			b.Error(err)
			return
		}
		if _, err := io.ReadFull(conn, back); err != nil {
			b.Error(err)
			return
		}
	}
}

// BenchmarkEcho measures echo round trips over loopback TCP: a 64-byte
// message sent and read back by one client (op=roundtrip), by one client
// per goroutine of RunParallel, each on its own connection (op=parallel),
// and a 32 KiB message, the reference's buffer, by one client (op=bulk).
func BenchmarkEcho(b *testing.B) {
	ops := []struct {
		name     string
		size     int
		parallel bool
	}{
		{"roundtrip", 64, false},
		{"parallel", 64, true},
		{"bulk", 32 << 10, false},
	}
	for _, o := range ops {
		b.Run("op="+o.name, func(b *testing.B) {
			run(b, echoServers, probeEcho, func(b *testing.B, s echotest.Server) {
				addr, stop := serveEcho(b, s)
				defer stop()
				b.SetBytes(int64(o.size))
				if o.parallel {
					b.RunParallel(func(pb *testing.PB) { echoRoundTrips(b, addr, o.size, pb.Next) })
					return
				}
				echoRoundTrips(b, addr, o.size, b.Loop)
			})
		})
	}
}
