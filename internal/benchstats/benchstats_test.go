package benchstats

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/conckata/conckata/bench"
	"github.com/conckata/conckata/internal/harness"
)

func TestMain(m *testing.M) { harness.Main(m) }

// run writes n result lines for name, whose ns/op go from base up by step.
func run(name string, n int, base, step float64) string {
	var sb strings.Builder
	for i := range n {
		fmt.Fprintf(&sb, "%s \t 1000\t %g ns/op\n", name, base+float64(i)*step)
	}
	return sb.String()
}

// sample is a run of two shapes of a made-up BenchmarkSemaphore, with go
// test's framing and the runner's configuration lines around it; its cpu
// line is padded with spaces, as go test pads some processors' names.
var sample = "cores: 2\ngoversion: go1.26.8\ngoos: linux\ncpu: Test CPU @ 1GHz      \n" +
	"=== RUN   BenchmarkSemaphore\nBenchmarkSemaphore\n" +
	run("BenchmarkSemaphore/op=one/impl=reference", 10, 100, 1) +
	run("BenchmarkSemaphore/op=one/impl=reference-2", 10, 50, 1) +
	run("BenchmarkSemaphore/op=one/impl=weighted", 10, 200, 1) +
	run("BenchmarkSemaphore/op=one/impl=weighted-2", 10, 100, 1) +
	run("BenchmarkSemaphore/op=one/impl=channel", 10, 150, 1) +
	run("BenchmarkSemaphore/op=one/impl=channel-2", 10, 52, 1) +
	run("BenchmarkSemaphore/op=two/impl=reference-2", 3, 10, 1) +
	run("BenchmarkSemaphore/op=two/impl=weighted-2", 3, 10, 1) +
	"BenchmarkGather/op=fns-10/impl=reference \t 100\t 5000 ns/op\t 500.0 ns/fn\nPASS\n"

func read(t *testing.T, text string) *Results {
	t.Helper()
	res, err := Read(strings.NewReader(text), "sample.txt")
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestReadSplitsBenchmarksShapesAndImplementations(t *testing.T) {
	res := read(t, sample)
	if got := res.Config["cpu"] + "|" + res.Config["cores"] + "|" + res.Config["goversion"]; got != "Test CPU @ 1GHz|2|go1.26.8" {
		t.Errorf("Config = %v", res.Config)
	}
	var names []string
	for _, b := range res.Benchmarks {
		names = append(names, b.Name)
	}
	if !slices.Equal(names, []string{"Semaphore", "Gather"}) {
		t.Fatalf("benchmarks %q, want Semaphore, Gather", names)
	}
	sem := res.Benchmark("Semaphore")
	if got := sem.Ops(); !slices.Equal(got, []string{"one", "two"}) {
		t.Errorf("Ops() = %q", got)
	}
	if got := sem.Procs(); !slices.Equal(got, []int{1, 2}) {
		t.Errorf("Procs() = %v", got)
	}
	s := sem.Shape("one", 2)
	if s == nil || len(s.Measures) != 3 || s.Measures[1].Impl != "weighted" {
		t.Fatalf("shape one at 2 = %+v", s)
	}
	sum, ok := s.Measure("weighted").Summary(TimeUnit)
	if !ok || math.Abs(sum.Center-104.5e-9) > 1e-15 || !Bounded(sum) {
		t.Errorf("weighted at 2: summary %+v, want median 104.5ns with a finite interval", sum)
	}
	few, _ := sem.Shape("two", 2).Measure("reference").Summary(TimeUnit)
	if Bounded(few) {
		t.Errorf("3 runs gave a finite interval %+v", few)
	}
	g := res.Benchmark("Gather").Shape("fns-10", 1).Measure("reference")
	if g.Runs("sec/fn") != 1 || g.Runs(TimeUnit) != 1 || g.Runs("B/s") != 0 {
		t.Errorf("gather units: %v", g.Samples)
	}
}

func TestReadReportsAnUnreadableGOMAXPROCS(t *testing.T) {
	// benchproc takes a name's -N suffix as GOMAXPROCS; a sub-benchmark
	// named gomaxprocs=x is the only way it is not a number.
	_, err := Read(strings.NewReader("BenchmarkX/gomaxprocs=x \t 1\t 1 ns/op\n"), "bad.txt")
	if err == nil || !strings.Contains(err.Error(), "bad.txt:1") {
		t.Errorf("err = %v, want one naming bad.txt:1", err)
	}
}

func TestCompare(t *testing.T) {
	s := read(t, sample).Benchmark("Semaphore").Shape("one", 1)
	ref, weighted := s.Measure("reference"), s.Measure("weighted")
	c, ok := Compare(ref, weighted, TimeUnit, 1)
	if !ok || math.Abs(c.Ratio-104.5/204.5) > 1e-9 || !c.Significant() {
		t.Errorf("reference vs weighted = %+v, want ratio 0.511, significant", c)
	}
	// Against weighted's values halved, the reference is hardly apart.
	c, _ = Compare(ref, weighted, TimeUnit, 0.5)
	if c.Significant() {
		t.Errorf("reference vs weighted/2 = %+v, want no significant difference", c)
	}
	if _, ok := Compare(ref, weighted, "B/s", 1); ok {
		t.Error("Compare in a unit neither has reported ok")
	}
}

func TestBestPeer(t *testing.T) {
	sem, _ := bench.KataNamed("semaphore")
	b := read(t, sample).Benchmark("Semaphore")
	for procs, want := range map[int]string{1: "channel", 2: "channel"} {
		if got := BestPeer(sem, b.Shape("one", procs)); got == nil || got.Impl != want {
			t.Errorf("best peer at -cpu %d = %v, want %s", procs, got, want)
		}
	}
	noPeer := &Shape{Measures: []*Measure{b.Shape("one", 1).Measure("reference")}}
	if got := BestPeer(sem, noPeer); got != nil {
		t.Errorf("best peer of a shape without peers = %v", got.Impl)
	}
	if got := Fastest(sem, noPeer, bench.Reference); got == nil || got.Impl != "reference" {
		t.Errorf("fastest reference = %v, want reference", got)
	}
}

func TestGoals(t *testing.T) {
	res := read(t, sample)
	k := bench.Kata{Name: "semaphore", Benchmark: "Semaphore", Goals: []bench.Goal{
		{Impl: "reference", Than: "weighted", Op: "one", Max: 1},
		{Impl: "reference", Than: "channel", Op: "one", Max: 0.5},
		{Impl: "reference", Than: "weighted", Op: "two", Max: 1},
		{Impl: "reference", Than: "channel", Op: "two", Max: 1},
	}}
	unrun := bench.Kata{Name: "pool", Benchmark: "Pool", Goals: []bench.Goal{{Impl: "reference", Than: "puddle", Max: 1}}}
	var got []string
	for _, r := range Goals(res, []bench.Kata{k, unrun}) {
		got = append(got, fmt.Sprintf("%s %d %s %.2f", r.Op, r.Procs, r.Verdict, r.Cmp.Ratio))
	}
	want := []string{
		"one 1 met 0.51", "one 2 met 0.52",
		"one 1 missed 0.68", "one 2 missed 0.96",
		"two 2 unsure 1.00",
		"two 2 not measured 0.00",
	}
	if !slices.Equal(got, want) {
		t.Errorf("Goals:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
