package echo_test

import (
	"context"
	"fmt"
	"io"
	"net"
	"time"

	"github.com/conckata/conckata/solutions/echo"
)

// A client sends two lines and half-closes its connection, as `nc -N` does
// at the end of its input: it gets both lines back, then EOF. Cancelling
// the ctx then stops the server, which returns once its connections have
// ended.
func Example() {
	ln, err := net.Listen("tcp", "127.0.0.1:0") // a free port, on loopback only
	if err != nil {
		fmt.Println(err)
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	srv := &echo.Server{MaxConns: 100, IdleTimeout: time.Minute, Grace: 5 * time.Second}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ctx, ln) }()

	conn, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Fprint(conn, "hello\nworld\n")
	conn.(*net.TCPConn).CloseWrite()
	back, err := io.ReadAll(conn) // until the server closes its side
	conn.Close()
	fmt.Printf("echoed %q, then EOF: %v\n", back, err == nil)

	cancel()
	fmt.Println("Serve returned", <-served)
	// Output:
	// echoed "hello\nworld\n", then EOF: true
	// Serve returned <nil>
}
