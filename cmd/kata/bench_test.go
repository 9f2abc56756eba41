package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/conckata/conckata/bench"
	"github.com/conckata/conckata/internal/benchstats"
)

// semaphoreBench is the go test invocation of `kata bench semaphore`.
const semaphoreBench = "-run=^$ -bench=^BenchmarkSemaphore$/./^impl=(reference|weighted|channel|kata)$ " +
	"-benchtime=100ms -count=1 -cpu=1,2 -json ./bench/"

// fakeBenchstat stands for go tool benchstat: it checks that the file it
// is given holds the benchmark results, and answers with a line naming it.
func fakeBenchstat(t *testing.T, root string) func(context.Context, string) (string, error) {
	return func(_ context.Context, file string) (string, error) {
		if want := filepath.Join(root, ".kata", "bench-semaphore.txt"); file != want {
			t.Errorf("benchstat of %s, want %s", file, want)
		}
		raw, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		// Ten rounds of the recorded one: 3 ops × 4 impls × 2 -cpu values.
		if n := strings.Count(string(raw), " ns/op"); n != 240 {
			t.Errorf("the raw results hold %d results, want 240", n)
		}
		return "(benchstat's table of .kata/bench-semaphore.txt)\n", nil
	}
}

// The fake answers each round with the same recorded round, so the verdicts
// in the golden file compare ten copies of one run: it checks what the
// command prints, not the statistics (benchstats' tests do those).
func TestBenchCommandMeasuresAPassingKata(t *testing.T) {
	root := testTree(t, "semaphore*")
	a, stdout, stderr := testApp(t, root, map[string][]string{
		"-race -json ./katas/semaphore": {"solved.json"},
		semaphoreBench:                  {"bench-semaphore-round.json"},
	})
	a.benchstat = fakeBenchstat(t, root)
	if err := a.dispatch(t.Context(), []string{"bench", "semaphore"}); err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "bench-semaphore", stdout.String())
	// The progress names each round, and in the first one each benchmark
	// as it starts.
	if n := strings.Count(stderr.String(), "  BenchmarkSemaphore/op="); n != 12 {
		t.Errorf("progress shows %d benchmarks, want the 12 of one round:\n%s", n, stderr)
	}
	if !strings.Contains(stderr.String(), "round 1 of 10\n") || !strings.Contains(stderr.String(), "round 10 of 10\n") {
		t.Errorf("progress does not name the rounds:\n%s", stderr)
	}
}

func TestBenchCommandRefusesAKataThatFails(t *testing.T) {
	for golden, recording := range map[string]string{"bench-refused-partial": "partial.json", "bench-refused-compile": "compile.json"} {
		t.Run(golden, func(t *testing.T) {
			// Any go test -bench would be an unexpected invocation.
			a, stdout, _ := testApp(t, testTree(t, "semaphore*"), map[string][]string{
				"-race -json ./katas/semaphore": {recording},
			})
			if err := a.dispatch(t.Context(), []string{"bench", "semaphore"}); !errors.Is(err, errReported) {
				t.Errorf("bench semaphore: err = %v, want errReported", err)
			}
			checkGolden(t, golden, stdout.String())
		})
	}
}

func TestBenchCommandArguments(t *testing.T) {
	cases := map[string]string{
		"bench":              "want one kata name, got 0",
		"bench semaphore x":  "want one kata name, got 2",
		"bench semaphore -v": "flag provided but not defined: -v",
		"bench nosuch":       `no kata is called "nosuch"`,
	}
	benchmarkOf = func(name string) (bench.Kata, bool) {
		if name == "echo" {
			return bench.Kata{}, false // as if echo had no benchmark
		}
		return bench.KataNamed(name)
	}
	t.Cleanup(func() { benchmarkOf = bench.KataNamed })
	cases["bench echo"] = "kata echo has no benchmark yet"
	for args, want := range cases {
		t.Run(args, func(t *testing.T) {
			a, _, _ := testApp(t, testTree(t, "semaphore", "echo"), nil)
			err := a.dispatch(t.Context(), strings.Fields(args))
			if err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("%s: err = %v, want one containing %q", args, err, want)
			}
		})
	}
}

func TestBenchTextKeepsTheResultsWhole(t *testing.T) {
	var progress bytes.Buffer
	raw, err := benchText(bytes.NewReader(recording(t, "bench-semaphore.json")), &progress)
	if err != nil {
		t.Fatal(err)
	}
	res, err := benchstats.Read(bytes.NewReader(raw), "bench-semaphore")
	if err != nil {
		t.Fatal(err)
	}
	s := res.Benchmark("Semaphore").Shape("contended", 2)
	if s == nil || len(s.Measures) != 4 || s.Measures[3].Runs(benchstats.TimeUnit) != 10 {
		t.Fatalf("contended at -cpu 2: %+v, want 4 impls of 10 runs", s)
	}
	for line := range strings.Lines(string(raw)) {
		if strings.HasPrefix(line, "===") || strings.TrimSpace(line) == "BenchmarkSemaphore" {
			t.Errorf("kept go test's framing: %q", line)
		}
	}
	if !strings.Contains(string(raw), "cpu: ") {
		t.Error("lost the cpu: configuration line")
	}
}

func TestVerdicts(t *testing.T) {
	line := func(name string, ns ...float64) string {
		var sb strings.Builder
		for _, v := range ns {
			fmt.Fprintf(&sb, "%s \t 1000\t %g ns/op\n", name, v)
		}
		return sb.String()
	}
	ten := func(base float64) []float64 {
		v := make([]float64, 10)
		for i := range v {
			v[i] = base + float64(i)
		}
		return v
	}
	raw := line("BenchmarkCounter/op=add/impl=sharded", ten(100)...) +
		line("BenchmarkCounter/op=add/impl=xsync-counter", ten(300)...) +
		line("BenchmarkCounter/op=add/impl=kata-sharded", ten(180)...) +
		line("BenchmarkCounter/op=add/impl=mutex", ten(500)...) +
		line("BenchmarkCounter/op=add/impl=kata-mutex", ten(502)...) +
		line("BenchmarkCounter/op=load/impl=mutex", ten(50)...) +
		line("BenchmarkCounter/op=load/impl=kata-mutex", ten(20)...)
	res, err := benchstats.Read(strings.NewReader(raw), "counter")
	if err != nil {
		t.Fatal(err)
	}
	counter, _ := bench.KataNamed("counter")
	got := verdicts(counter, res)
	want := []string{
		"op=add, -cpu 1: your kata-mutex is as fast as the reference's mutex (p=0.186: no significant difference); " +
			"the reference's mutex is 1.66x slower than xsync-counter (xsync.Counter; p=0.000)",
		"op=add, -cpu 1: your kata-sharded is 1.77x slower than the reference's sharded (p=0.000); " +
			"the reference's sharded is 2.91x faster than xsync-counter (xsync.Counter; p=0.000)",
		"op=load, -cpu 1: your kata-mutex is 2.22x faster than the reference's mutex (p=0.000); no peer runs this op",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("verdicts:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	semaphore, _ := bench.KataNamed("semaphore")
	if got := verdicts(semaphore, res); len(got) != 1 || !strings.Contains(got[0], "your semaphore was not measured") {
		t.Errorf("verdicts of a benchmark that did not run = %q", got)
	}
}

func TestBenchTextDropsSkipsAndLogs(t *testing.T) {
	events := `{"Action":"output","Output":"goos: linux\n"}
{"Action":"output","Output":"--- SKIP: BenchmarkSemaphore/op=one/impl=kata\n"}
{"Action":"output","Output":"    bench_test.go:27: panics: not solved yet (go run ./cmd/kata test)\n"}
{"Action":"output","Output":"BenchmarkSemaphore/op=one/impl=reference \t"}
{"Action":"output","Output":"1000\t 15.0 ns/op\n"}
`
	raw, err := benchText(strings.NewReader(events), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if want := "goos: linux\nBenchmarkSemaphore/op=one/impl=reference \t1000\t 15.0 ns/op\n"; string(raw) != want {
		t.Errorf("benchText kept:\n%q\nwant:\n%q", raw, want)
	}
}
