package benchrun

import (
	"bytes"
	"context"
	"errors"
	"io"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/conckata/conckata/internal/harness"
)

func TestMain(m *testing.M) { harness.Main(m) }

// listing is what go test prints when each benchmark runs once.
const listing = "goos: linux\ncpu: Test CPU\n" +
	"BenchmarkSemaphore/op=one/impl=reference         \t       1\t       400.0 ns/op\n" +
	"BenchmarkSemaphore/op=one/impl=weighted          \t       1\t  900000000 ns/op\n" +
	"PASS\nok  \tgithub.com/conckata/conckata/bench\t0.1s\n"

// measuring is one round of the real run, -count=1 -cpu=1,2, as go test
// prints it: a name and a tab, and the numbers when the run is over. A run
// of two rounds gets it twice.
const measuring = "goos: linux\ncpu: Test CPU\n" +
	"BenchmarkSemaphore/op=one/impl=reference         \t 1000000\t 15.0 ns/op\n" +
	"BenchmarkSemaphore/op=one/impl=reference-2       \t 1000000\t 17.0 ns/op\n" +
	"BenchmarkSemaphore/op=one/impl=weighted          \t       1\t 900000000 ns/op\n" +
	"BenchmarkSemaphore/op=one/impl=weighted-2        \t       1\t 900000000 ns/op\n" +
	"PASS\n"

// fakeGoTest answers each invocation, named by its arguments joined with
// spaces, with its output; exit, if not nil, is what Close returns.
func fakeGoTest(t *testing.T, runs map[string]string, exit error) GoTest {
	return func(_ context.Context, args ...string) (io.ReadCloser, error) {
		out, ok := runs[strings.Join(args, " ")]
		if !ok {
			t.Errorf("unexpected invocation: go test %s", strings.Join(args, " "))
		}
		// Deliver the output a few bytes at a time, as a pipe does.
		return closer{Reader: &dribble{s: out}, err: exit}, nil
	}
}

type closer struct {
	io.Reader
	err error
}

func (c closer) Close() error { return c.err }

// dribble reads s in pieces of seven bytes.
type dribble struct{ s string }

func (d *dribble) Read(p []byte) (int, error) {
	if d.s == "" {
		return 0, io.EOF
	}
	n := copy(p[:min(len(p), 7)], d.s)
	d.s = d.s[n:]
	return n, nil
}

// clock is a fake clock that moves one second each time it is read.
func clock() func() time.Time {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	return func() time.Time {
		now = now.Add(time.Second)
		return now
	}
}

func newRunner(t *testing.T, exit error, live bool) (*Runner, *bytes.Buffer) {
	var progress bytes.Buffer
	runs := map[string]string{
		"-run=^$ -bench=^BenchmarkSemaphore$ -benchtime=1x -count=1 -cpu=1 ./bench/":                  listing,
		"-run=^$ -bench=^BenchmarkSemaphore$ -benchtime=1s -count=1 -cpu=1,2 -timeout=10m0s ./bench/": measuring,
		"-run=^$ -bench=NoSuchBenchmark -benchtime=1x -count=1 -cpu=1 ./bench/":                       "PASS\n",
	}
	return &Runner{GoTest: fakeGoTest(t, runs, exit), Progress: &progress, Live: live, Now: clock(), Cores: 2}, &progress
}

var semaphoreRun = Config{Bench: "semaphore", Count: 2, CPU: "1,2", Benchtime: "1s"}

func TestRunKeepsTheRawOutputAfterTheConfiguration(t *testing.T) {
	r, _ := newRunner(t, nil, false)
	var out bytes.Buffer
	if err := r.Run(t.Context(), semaphoreRun, &out); err != nil {
		t.Fatal(err)
	}
	want := "date: 2026-01-02T03:04:06Z\ngoversion: " + runtime.Version() + "\ncores: 2\nbenchtime: 1s\n" + measuring + measuring
	if out.String() != want {
		t.Errorf("raw output:\n%s\nwant:\n%s", out.String(), want)
	}
}

func TestRunShowsWhatRunsAndHowLongIsLeft(t *testing.T) {
	r, progress := newRunner(t, nil, false)
	if err := r.Run(t.Context(), semaphoreRun, io.Discard); err != nil {
		t.Fatal(err)
	}
	// The plan: 1.6 s a run for both (-benchtime 1s and go test's ramp;
	// weighted's 0.9 s iteration is shorter), 2 benchmarks × 4 runs × 1.6 s
	// = 12.8 s, in two rounds. The fake clock moves a second each time it is
	// read, so the runs seem to take 1 s each against 1.6 s planned.
	want := `listing the benchmarks matching ^BenchmarkSemaphore$ (each runs once)
2 benchmarks × 2 -cpu values × 2 rounds, about 13s
[  0%] BenchmarkSemaphore/op=one/impl=reference (round 1 of 2) · 1s elapsed · about 13s left
[ 12%] BenchmarkSemaphore/op=one/impl=reference-2 (round 1 of 2) · 2s elapsed · about 14s left
[ 25%] BenchmarkSemaphore/op=one/impl=weighted (round 1 of 2) · 3s elapsed · about 9s left
[ 37%] BenchmarkSemaphore/op=one/impl=weighted-2 (round 1 of 2) · 4s elapsed · about 7s left
[ 50%] BenchmarkSemaphore/op=one/impl=reference (round 2 of 2) · 5s elapsed · about 5s left
[ 62%] BenchmarkSemaphore/op=one/impl=reference-2 (round 2 of 2) · 6s elapsed · about 4s left
[ 75%] BenchmarkSemaphore/op=one/impl=weighted (round 2 of 2) · 7s elapsed · about 2s left
[ 87%] BenchmarkSemaphore/op=one/impl=weighted-2 (round 2 of 2) · 8s elapsed · about 1s left
done in 9s
`
	if progress.String() != want {
		t.Errorf("progress:\n%s\nwant:\n%s", progress.String(), want)
	}
}

func TestRunRedrawsOneLineOnATerminal(t *testing.T) {
	r, progress := newRunner(t, nil, true)
	if err := r.Run(t.Context(), semaphoreRun, io.Discard); err != nil {
		t.Fatal(err)
	}
	// Each start and each end of the 8 runs redraws the line.
	if n := strings.Count(progress.String(), "\r\033[K"); n != 16 {
		t.Errorf("%d redraws, want 16:\n%q", n, progress.String())
	}
	if !strings.Contains(progress.String(), "[100%] BenchmarkSemaphore/op=one/impl=weighted-2 (round 2 of 2)") {
		t.Errorf("no line for the last run:\n%q", progress.String())
	}
}

func TestRunFails(t *testing.T) {
	r, _ := newRunner(t, nil, false)
	err := r.Run(t.Context(), Config{Bench: "NoSuchBenchmark", Count: 2, CPU: "1,2", Benchtime: "1s"}, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "no benchmark matches -bench NoSuchBenchmark") {
		t.Errorf("err = %v, want no benchmark matches", err)
	}
	exit := errors.New("exit status 1")
	r, _ = newRunner(t, nil, false)
	err = r.Run(t.Context(), Config{Bench: "semaphore", Count: 0, CPU: "1,2", Benchtime: "1s"}, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "want at least one round") {
		t.Errorf("err = %v, want at least one round", err)
	}
	r, _ = newRunner(t, exit, false)
	if err := r.Run(t.Context(), semaphoreRun, io.Discard); !errors.Is(err, exit) {
		t.Errorf("err = %v, want go test's exit status", err)
	}
}

func TestPattern(t *testing.T) {
	cases := map[string]string{
		"semaphore":          "^BenchmarkSemaphore$",
		"MapReduce":          "^BenchmarkMapReduce$",
		"BenchmarkPool":      "^BenchmarkPool$",
		"":                   ".",
		".":                  ".",
		"Lock/op=contended/": "Lock/op=contended/",
	}
	for in, want := range cases {
		if got := Pattern(in); got != want {
			t.Errorf("Pattern(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestEstimate(t *testing.T) {
	cases := []struct {
		benchtime string
		op, want  time.Duration
	}{
		{"300ms", 20 * time.Nanosecond, 480 * time.Millisecond},
		{"300ms", 2 * time.Second, 2 * time.Second},
		{"5x", 200 * time.Millisecond, time.Second},
		{"nonsense", time.Nanosecond, 1600 * time.Millisecond},
	}
	for _, c := range cases {
		if got := estimate(c.benchtime, c.op); got != c.want {
			t.Errorf("estimate(%s, %v) = %v, want %v", c.benchtime, c.op, got, c.want)
		}
	}
}
