// Command products serves the products kata's reference service: the seed's
// product database behind GET /brands and GET /products/{id}, with its pool
// opened at start-up and closed at shutdown.
//
// Usage:
//
//	go run ./solutions/products/cmd/products [-addr 127.0.0.1:8080] [-db DSN] [-products 1000]
//
// Without -db it runs on a new embedded SQLite file (pure Go, nothing to
// install) in a temporary directory, removed when it stops; -db names a
// SQLite file to keep, or a postgres:// URL. A database with no brands yet
// is given the schema and -products generated products. It prints the curl
// lines to try, serves on 127.0.0.1 until Ctrl-C (SIGINT) or SIGTERM, then
// stops accepting requests, lets those in flight finish (10 s at most),
// closes the pool and exits with status 0. A second Ctrl-C ends it at once.
// A bad flag exits with status 2, any other failure with status 1.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/conckata/conckata/solutions/products"
)

func main() { os.Exit(status(os.Args[1:])) }

// status runs the command with args until SIGINT or SIGTERM, and returns
// its exit status.
func status(args []string) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	// After the first signal, the next one gets its default action: it ends
	// the process at once, whatever the shutdown is waiting for.
	context.AfterFunc(ctx, stop)
	err := run(ctx, os.Stdout, os.Stderr, args)
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		return 2
	}
	msg := err.Error()
	if !strings.HasPrefix(msg, "products: ") { // the package's own errors have it
		msg = "products: " + msg
	}
	fmt.Fprintln(os.Stderr, msg)
	return 1
}

// errUsage is a bad command line, already told on stderr with the usage.
var errUsage = errors.New("usage")

// shutdownGrace bounds the wait for the requests in flight at shutdown.
const shutdownGrace = 10 * time.Second

// config is what the command line asks for.
type config struct {
	addr, dsn string
	products  int
}

// parse reads the command line. A bad one is told on stderr, with the
// usage, and gives errUsage; -h gives flag.ErrHelp, after the usage.
func parse(stderr io.Writer, args []string) (config, error) {
	var c config
	fset := flag.NewFlagSet("products", flag.ContinueOnError)
	fset.SetOutput(stderr)
	fset.StringVar(&c.addr, "addr", "127.0.0.1:8080", "the address to serve on")
	fset.StringVar(&c.dsn, "db", "", "a SQLite file or a postgres:// URL (default: a new SQLite file, removed at exit)")
	fset.IntVar(&c.products, "products", 1000, "the products generated in a database that has none")
	if err := fset.Parse(args); errors.Is(err, flag.ErrHelp) {
		return c, err
	} else if err != nil {
		return c, errUsage // the flag package has told it
	}
	bad := func(format string, args ...any) (config, error) {
		fmt.Fprintf(stderr, "products: "+format+"\n", args...)
		fset.Usage()
		return c, errUsage
	}
	if fset.NArg() > 0 {
		return bad("unexpected arguments %q", fset.Args())
	}
	if c.products < 0 {
		return bad("-products %d: want 0 or more", c.products)
	}
	return c, nil
}

// run serves until ctx is done, then shuts down, telling stdout what it
// does.
func run(ctx context.Context, stdout, stderr io.Writer, args []string) error {
	c, err := parse(stderr, args)
	if err != nil {
		return err
	}
	if c.dsn == "" {
		dir, err := os.MkdirTemp("", "products-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		c.dsn = filepath.Join(dir, "products.db")
	}
	db, dialect, err := products.OpenDB(c.dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := prepare(ctx, db, dialect, c.products); err != nil {
		return err
	}
	l, err := net.Listen("tcp", c.addr)
	if err != nil {
		return err
	}
	srv := products.NewServer(db, 2, 10)
	if err := srv.Start(ctx, l); err != nil {
		return err
	}
	base := "http://" + l.Addr().String()
	fmt.Fprintf(stdout, "products: serving %s (%s) on %s\n", c.dsn, dialect, base)
	fmt.Fprintf(stdout, "try:\n  curl %s/brands\n  curl %s/products/1\n  curl %s/products/999999\nCtrl-C stops it.\n", base, base, base)
	<-ctx.Done()
	fmt.Fprintln(stdout, "products: stopping")
	sctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	fmt.Fprintln(stdout, "products: stopped")
	return nil
}
