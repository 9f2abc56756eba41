// Benchrun runs the benchmarks of bench/ for `make bench` and `make
// bench-report`, showing which benchmark is running and about how long is
// left, and writes their raw output to a file: go test's own lines, headed
// by the configuration lines it does not print (date, goversion, cores,
// benchtime), which benchstat and cmd/benchreport read.
//
// Usage:
//
//	go run ./cmd/benchrun [-bench PATTERN|KATA] [-count 10] [-cpu 1,2] [-benchtime 300ms] -o FILE
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"time"

	"github.com/conckata/conckata/internal/benchrun"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	err := run(ctx, os.Stderr, os.Args[1:])
	stop()
	if err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "benchrun:", err)
		}
		os.Exit(2)
	}
}

func run(ctx context.Context, stderr *os.File, args []string) error {
	fs := flag.NewFlagSet("benchrun", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var c benchrun.Config
	fs.StringVar(&c.Bench, "bench", ".", "the benchmarks: a -bench pattern, or a kata's name")
	fs.IntVar(&c.Count, "count", 10, "rounds, each running every benchmark once at each -cpu")
	fs.StringVar(&c.CPU, "cpu", "1,2", "the GOMAXPROCS values to run at")
	fs.StringVar(&c.Benchtime, "benchtime", "300ms", "the time (or Nx, the iterations) of each run")
	out := fs.String("o", "", "the file to write the raw output to")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *out == "" || fs.NArg() > 0 {
		fs.Usage()
		return errors.New("want -o FILE and no arguments")
	}
	if err := os.MkdirAll(filepath.Dir(*out), 0o755); err != nil {
		return err
	}
	f, err := os.Create(*out)
	if err != nil {
		return err
	}
	info, _ := stderr.Stat()
	r := &benchrun.Runner{GoTest: execGoTest(stderr), Progress: stderr, Now: time.Now, Cores: runtime.NumCPU(),
		Live: info != nil && info.Mode()&os.ModeCharDevice != 0}
	runErr := r.Run(ctx, c, f)
	if err := f.Close(); err != nil && runErr == nil {
		runErr = err
	}
	if runErr == nil {
		fmt.Fprintf(stderr, "raw results: %s\n", *out)
	}
	return runErr
}

// execGoTest runs go test in the working directory; its own messages go to
// stderr.
func execGoTest(stderr io.Writer) benchrun.GoTest {
	return func(ctx context.Context, args ...string) (io.ReadCloser, error) {
		cmd := exec.CommandContext(ctx, "go", append([]string{"test"}, args...)...)
		cmd.Stderr = stderr
		out, err := cmd.StdoutPipe()
		if err != nil {
			return nil, err
		}
		if err := cmd.Start(); err != nil {
			return nil, fmt.Errorf("starting go test: %w", err)
		}
		return &running{ReadCloser: out, cmd: cmd}, nil
	}
}

// running is a running go test's standard output; Close waits for it.
type running struct {
	io.ReadCloser
	cmd *exec.Cmd
}

func (r *running) Close() error {
	_, _ = io.Copy(io.Discard, r.ReadCloser)
	return r.cmd.Wait()
}
