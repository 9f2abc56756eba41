// Package benchrun runs the benchmarks of bench/ for `make bench` and
// `make bench-report`: it keeps their raw output, headed by the machine's
// configuration lines that go test does not print (cores, Go version,
// date, -benchtime), and shows which benchmark is running and about how
// long is left.
package benchrun

import (
	"context"
	"fmt"
	"io"
	"regexp"
	"runtime"
	"strings"
	"time"

	"github.com/conckata/conckata/bench"
)

// GoTest runs `go test` with args in the module root and returns its
// standard output as it comes. Close waits for go test and returns its exit
// error. Tests replace it with recordings.
type GoTest func(ctx context.Context, args ...string) (io.ReadCloser, error)

// Config is what one run measures, as go test's flags name it.
type Config struct {
	Bench     string // the -bench pattern, or a kata's name ("semaphore") for its benchmark alone
	Count     int    // rounds, each running every benchmark once at each -cpu
	CPU       string // the -cpu list: "1,2"
	Benchtime string // the -benchtime of each run: "300ms", "5x"
}

// Runner runs benchmarks.
type Runner struct {
	GoTest   GoTest
	Progress io.Writer        // where progress goes: standard error
	Live     bool             // redraw one progress line in place (a terminal), rather than a line per benchmark
	Now      func() time.Time // the clock; tests stop it
	Cores    int              // the machine's CPUs, for the configuration lines
}

// Run runs the benchmarks that c selects and writes their raw output to
// out, after the configuration lines. It first runs each benchmark once
// (-benchtime=1x), to list them and to estimate how long the run will be.
func (r *Runner) Run(ctx context.Context, c Config, out io.Writer) error {
	if c.Count < 1 {
		return fmt.Errorf("-count %d: want at least one round", c.Count)
	}
	pattern := Pattern(c.Bench)
	cpus := strings.Split(c.CPU, ",")
	fmt.Fprintf(r.Progress, "listing the benchmarks matching %s (each runs once)\n", pattern)
	p, err := r.plan(ctx, pattern, c, cpus[0])
	if err != nil {
		return err
	}
	if len(p.leaves) == 0 {
		return fmt.Errorf("no benchmark matches -bench %s", pattern)
	}
	fmt.Fprintf(r.Progress, "%d benchmarks × %d -cpu values × %d rounds, about %s\n",
		len(p.leaves), len(cpus), c.Count, round(p.total))
	fmt.Fprintf(out, "date: %s\ngoversion: %s\ncores: %d\nbenchtime: %s\n",
		r.Now().UTC().Format(time.RFC3339), runtime.Version(), r.Cores, c.Benchtime)
	t := &tracker{plan: p, w: r.Progress, live: r.Live, now: r.Now}
	defer t.finish()
	for i := range c.Count {
		t.round = i + 1
		if err := r.round(ctx, pattern, c, p.total/time.Duration(c.Count), out, t); err != nil {
			return err
		}
	}
	return nil
}

// round runs every benchmark once at each -cpu value: a run is c.Count
// rounds, not go test -count=N, which runs a benchmark's N runs back to back
// before the next benchmark's. A machine is slower for seconds at a time (on
// the project's 2-core VM a chain of multiplications, with no memory traffic
// at all, took from 1.1 to 2.1 ns a step over one minute): with -count, such
// a spell falls on one implementation's runs and not on its peer's, and the
// ratio of their medians changed from run to run (x/sync's Weighted and the
// semaphore's reference at -cpu 2: 1.04x, 0.74x, 0.96x, then 1.19x). In
// rounds, a spell slows the implementations' runs alike, and the medians
// compare them.
func (r *Runner) round(ctx context.Context, pattern string, c Config, estimate time.Duration, out io.Writer, t *tracker) error {
	// go test's default -timeout of 10 minutes would kill a round of every
	// kata at a long -benchtime; three times the estimate, plus ten
	// minutes, still ends a benchmark that hangs.
	stdout, err := r.GoTest(ctx, "-run=^$", "-bench="+pattern, "-benchtime="+c.Benchtime,
		"-count=1", "-cpu="+c.CPU, "-timeout="+timeout(estimate).String(), "./bench/")
	if err != nil {
		return err
	}
	_, copyErr := io.Copy(io.MultiWriter(out, t), stdout)
	exitErr := stdout.Close()
	if copyErr != nil {
		return copyErr
	}
	if exitErr != nil {
		return fmt.Errorf("go test -bench: %w (its output is kept above the error)", exitErr)
	}
	return nil
}

// Pattern returns the -bench pattern for bench: a kata's name, or its
// benchmark's, selects that benchmark alone; anything else is a pattern
// already.
func Pattern(b string) string {
	for _, k := range bench.Katas {
		if strings.EqualFold(b, k.Name) || strings.EqualFold(b, k.Benchmark) || b == "Benchmark"+k.Benchmark {
			return "^Benchmark" + k.Benchmark + "$"
		}
	}
	if b == "" {
		return "."
	}
	return b
}

// plan is the benchmarks a run will go through, with an estimate of each.
type plan struct {
	leaves  []string                 // the sub-benchmarks, without -N, in run order
	perRun  map[string]time.Duration // the estimated time of one run of each
	count   int                      // rounds: runs of each leaf at each -cpu
	samples int                      // runs of each leaf: the rounds times the -cpu values
	total   time.Duration
}

// resultLine matches a result line of go test -bench: its name, the
// iterations, and ns/op.
var resultLine = regexp.MustCompile(`^(Benchmark\S+)\s+\d+\s+([0-9.]+) ns/op`)

// procsSuffix is the -N that go test adds to a name at GOMAXPROCS N > 1.
var procsSuffix = regexp.MustCompile(`-\d+$`)

// plan runs each benchmark once, at -cpu cpu, and estimates a run of each
// from c.Benchtime and the time of that one iteration.
func (r *Runner) plan(ctx context.Context, pattern string, c Config, cpu string) (plan, error) {
	stdout, err := r.GoTest(ctx, "-run=^$", "-bench="+pattern, "-benchtime=1x", "-count=1", "-cpu="+cpu, "./bench/")
	if err != nil {
		return plan{}, err
	}
	raw, readErr := io.ReadAll(stdout)
	if err := stdout.Close(); err != nil {
		return plan{}, fmt.Errorf("go test -bench, running each benchmark once: %w\n%s", err, raw)
	}
	if readErr != nil {
		return plan{}, readErr
	}
	p := plan{perRun: map[string]time.Duration{}, count: c.Count, samples: c.Count * len(strings.Split(c.CPU, ","))}
	for _, line := range strings.Split(string(raw), "\n") {
		m := resultLine.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		name := procsSuffix.ReplaceAllString(m[1], "")
		var ns float64
		fmt.Sscan(m[2], &ns)
		est := estimate(c.Benchtime, time.Duration(ns))
		p.leaves = append(p.leaves, name)
		p.perRun[name] = est
		p.total += est * time.Duration(p.samples)
	}
	return p, nil
}

// overhead is how much longer than -benchtime a run takes, as measured on
// this project's benchmarks: go test runs b.N up to the target in steps.
const overhead = 1.6

// estimate is how long one run of a benchmark whose operation takes op
// lasts at -benchtime benchtime.
func estimate(benchtime string, op time.Duration) time.Duration {
	if n, ok := strings.CutSuffix(benchtime, "x"); ok {
		var iterations int64
		if _, err := fmt.Sscan(n, &iterations); err == nil {
			return time.Duration(iterations) * op
		}
	}
	d, err := time.ParseDuration(benchtime)
	if err != nil {
		d = time.Second // go test's default
	}
	return max(time.Duration(float64(d)*overhead), op)
}

// timeout is the -timeout of a run estimated to take total.
func timeout(total time.Duration) time.Duration {
	return (3*total + 10*time.Minute).Round(time.Minute)
}
