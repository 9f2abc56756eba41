// Command bff runs the bff kata's page with four fake backend services, all
// on 127.0.0.1, and prints the curl lines to try it:
//
//	go run ./solutions/bff/cmd/bff [-addr 127.0.0.1:8080] [-timeout 1s]
//
// The services choose their own ports. The inventory fails, slowly, for
// product 13, so that its breaker opens after five pages; the cart takes 2s
// for the user slowpoke, past the timeout. Ctrl-C (SIGINT) or SIGTERM stops
// the BFF and the services gracefully, and the command exits 0; a second
// Ctrl-C kills it at once.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/conckata/conckata/solutions/bff"
)

func main() { os.Exit(status(os.Args[1:])) }

// status runs the command with args until SIGINT or SIGTERM, and returns
// its exit status.
func status(args []string) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	// From the first signal on, a second one kills the process.
	context.AfterFunc(ctx, stop)
	if err := run(ctx, args, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "bff:", err)
		return 1
	}
	return 0
}

// gracePeriod is how long the servers may take to finish their requests
// once the command is asked to stop.
const gracePeriod = 5 * time.Second

// run starts the services and the BFF, prints where they are on stdout, and
// serves until ctx is done; then it shuts them all down. Flag errors and
// usage go to stderr.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	flags := flag.NewFlagSet("bff", flag.ContinueOnError)
	flags.SetOutput(stderr)
	addr := flags.String("addr", "127.0.0.1:8080", "the `address` the BFF listens on")
	timeout := flags.Duration("timeout", time.Second, "how long an optional backend call may take (bff.Options.Timeout)")
	if err := flags.Parse(args); err != nil {
		return err
	}
	if flags.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %q", flags.Args())
	}
	if *timeout < 0 {
		return fmt.Errorf("-timeout %v is negative", *timeout)
	}
	var servers []*http.Server
	served := make(chan error, 5)
	serve := func(l net.Listener, h http.Handler) {
		s := &http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second}
		servers = append(servers, s)
		go func() { served <- s.Serve(l) }()
	}
	defer func() {
		for _, s := range servers {
			s.Close() // on an early return; after Shutdown, does nothing
		}
	}()
	var urls []string
	for _, svc := range services() {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return err
		}
		serve(l, svc.handler)
		urls = append(urls, "http://"+l.Addr().String())
		fmt.Fprintf(stdout, "%-10s %s\n", svc.name, urls[len(urls)-1])
	}
	l, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
	defer client.CloseIdleConnections()
	serve(l, bff.Handler(client, bff.Backends{Product: urls[0], Inventory: urls[1], Favorites: urls[2], Cart: urls[3]}, bff.Options{Timeout: *timeout}))
	page := "http://" + l.Addr().String()
	fmt.Fprintf(stdout, "%-10s %s\n\n", "bff", page)
	tryLines(stdout, page, *timeout)

	select {
	case <-ctx.Done():
	case err := <-served:
		return fmt.Errorf("a server stopped: %w", err)
	}
	fmt.Fprintln(stdout, "stopping")
	return shutdown(servers, served)
}

// shutdown shuts the servers down, the BFF (the last) first, within
// gracePeriod, and waits for their Serve calls to return.
func shutdown(servers []*http.Server, served <-chan error) error {
	ctx, cancel := context.WithTimeout(context.Background(), gracePeriod)
	defer cancel()
	var errs []error
	for i := len(servers) - 1; i >= 0; i-- {
		errs = append(errs, servers[i].Shutdown(ctx))
	}
	for range servers {
		if err := <-served; !errors.Is(err, http.ErrServerClosed) {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// tryLines prints the curl commands that show the page at work.
func tryLines(w io.Writer, page string, timeout time.Duration) {
	fmt.Fprintf(w, `Try:
  curl -s '%[1]s/products/7?user=ada'
  curl -s '%[1]s/products/99?user=ada'         # no such product: 404
  curl -s '%[1]s/products/abc?user=ada'        # a malformed id: 400
  curl -s '%[1]s/products/7?user=%[2]s'   # the cart takes %[3]v: cut at %[4]v, "cart" in errors
  for i in 1 2 3 4 5 6 7; do curl -s -o /dev/null -w '%%{time_total}s ' '%[1]s/products/%[5]d?user=ada'; done; echo
      # the inventory of %[5]d fails after %[6]v; from the 6th page its breaker is open: no call, no wait
  curl -s '%[1]s/products/7?user=ada'          # for 10s, "inventory" is in errors at once, for every product

Ctrl-C stops everything.
`, page, slowUser, slowCartAfter, timeout, brokenProduct, brokenAfter)
}
