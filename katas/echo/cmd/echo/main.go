// Command echo serves the echo kata's Server on a TCP address until it is
// interrupted, as the seed's asyncio server did:
//
//	go run ./katas/echo/cmd/echo          # listening on 127.0.0.1:8000
//	nc 127.0.0.1 8000                     # each line typed comes back
//
// It prints "listening on ADDR" once it accepts connections. The first SIGINT
// (Ctrl-C) or SIGTERM closes the listener, prints a line that starts with
// "shutting down", and lets the open connections finish for -grace; the
// command exits with status 0 once they have all ended. A second signal ends
// the process at once, by the signal's default action, closing every
// connection: a shell reports status 130 after SIGINT, 143 after SIGTERM.
//
// Usage:
//
//	echo [-addr 127.0.0.1:8000] [-max-conns 100] [-idle 5m] [-grace 5s]
//
// -addr with port 0 (127.0.0.1:0) listens on a free port, which the
// "listening on" line names. A bad flag exits with status 2, an address that
// cannot be listened on with status 1.
package main

import (
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"time"

	"github.com/conckata/conckata/katas/echo"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

// run parses args, listens on -addr and serves until a signal: see the
// package doc. It returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	flags := flag.NewFlagSet("echo", flag.ContinueOnError)
	flags.SetOutput(stderr)
	addr := flags.String("addr", "127.0.0.1:8000", "the `address` to listen on; port 0 picks a free one")
	srv := &echo.Server{}
	flags.IntVar(&srv.MaxConns, "max-conns", 100, "connections served at once; 0 means no limit")
	flags.DurationVar(&srv.IdleTimeout, "idle", 5*time.Minute, "close a connection silent this long; 0 means never")
	flags.DurationVar(&srv.Grace, "grace", 5*time.Second, "on the first signal, how long open connections may finish")
	if err := flags.Parse(args); err != nil {
		return 2
	}
	switch {
	case flags.NArg() > 0:
		fmt.Fprintf(stderr, "echo: unexpected arguments %q (echo -h lists the flags)\n", flags.Args())
		return 2
	case srv.MaxConns < 0 || srv.IdleTimeout < 0 || srv.Grace < 0:
		fmt.Fprintln(stderr, "echo: -max-conns, -idle and -grace must not be negative")
		return 2
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintln(stderr, "echo:", err)
		return 1
	}
	fmt.Fprintf(stdout, "listening on %s\n", ln.Addr())
	return serve(srv, ln, stdout, stderr)
}

// serve runs srv on ln until the first SIGINT or SIGTERM (signal.NotifyContext),
// then prints a line that starts with "shutting down", lets the open
// connections finish for srv.Grace, and returns the exit status: 0 once they
// have ended, 1 if serving failed. After the first signal a second one must
// end the process at once: the stop function of signal.NotifyContext gives
// the signals their default action back.
//
// This is the part of the command that is yours to write (docs/katas/echo.md).
func serve(srv *echo.Server, ln net.Listener, stdout, stderr io.Writer) int {
	panic("echo: serve is not written yet (docs/katas/echo.md)")
}
