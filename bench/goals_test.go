package bench

import (
	"slices"
	"testing"

	"github.com/conckata/conckata/internal/catalog"
)

// names returns the impl=NAME of each implementation.
func names[T any](impls []impl[T]) []string {
	var s []string
	for _, im := range impls {
		s = append(s, im.name)
	}
	return s
}

// measured lists, for each benchmark, the implementations its sub-benchmarks
// run (the union over its ops), as the benchmark files declare them.
var measured = map[string][][]string{
	"Semaphore":   {names(semaphores)},
	"Lock":        {names(locks)},
	"Event":       {names(events)},
	"Task":        {names(taskRuns)},
	"Shield":      {names(shields)},
	"Gather":      {names(gathers)},
	"AsCompleted": {names(asCompleteds)},
	"Wait":        {names(waits)},
	"Queue":       {names(fifoQueues), names(priorityQueues)},
	"Counter":     {names(counters)},
	"Executor":    {names(executors)},
	"MapReduce":   {names(wordCounts)},
	"Pool":        {names(pools)},
	"Products":    {names(productsStores(""))},
	"Breaker":     {names(breakers)},
	"Echo":        {names(echoServers)},
	"Fetch":       {names(fetchers)},
	"Bff":         {names(bffHandlers)},
	"Subprocess":  {names(conversers)},
}

// benchmarks are the benchmark functions, by the name Katas gives them.
var benchmarks = map[string]func(*testing.B){
	"Semaphore": BenchmarkSemaphore, "Lock": BenchmarkLock, "Event": BenchmarkEvent,
	"Task": BenchmarkTask, "Shield": BenchmarkShield, "Gather": BenchmarkGather,
	"AsCompleted": BenchmarkAsCompleted, "Wait": BenchmarkWait, "Queue": BenchmarkQueue,
	"Counter": BenchmarkCounter, "Executor": BenchmarkExecutor, "MapReduce": BenchmarkMapReduce,
	"Pool": BenchmarkPool, "Products": BenchmarkProducts, "Breaker": BenchmarkBreaker, "Echo": BenchmarkEcho, "Fetch": BenchmarkFetch, "Bff": BenchmarkBff, "Subprocess": BenchmarkSubprocess,
}

func TestKatasDeclareEveryImplementationMeasured(t *testing.T) {
	if len(Katas) != len(benchmarks) {
		t.Errorf("Katas declares %d benchmarks, bench/ has %d", len(Katas), len(benchmarks))
	}
	for _, k := range Katas {
		if benchmarks[k.Benchmark] == nil {
			t.Errorf("kata %s: no function Benchmark%s", k.Name, k.Benchmark)
		}
		var declared []string
		for _, im := range k.Impls {
			declared = append(declared, im.Name)
		}
		var all []string
		for _, list := range measured[k.Benchmark] {
			for _, name := range list {
				if !slices.Contains(all, name) {
					all = append(all, name)
				}
			}
		}
		slices.Sort(declared)
		slices.Sort(all)
		if !slices.Equal(declared, all) {
			t.Errorf("kata %s declares impls %q; Benchmark%s measures %q", k.Name, declared, k.Benchmark, all)
		}
	}
}

func TestKatasAreInTeachingOrder(t *testing.T) {
	var order []string
	for _, k := range catalog.All {
		order = append(order, k.Name)
	}
	last := -1
	for _, k := range Katas {
		i := slices.Index(order, k.Name)
		if i < 0 {
			t.Errorf("kata %s is not in the catalogue", k.Name)
		} else if i < last {
			t.Errorf("kata %s is out of teaching order", k.Name)
		}
		last = i
	}
}

func TestImplementationRolesHold(t *testing.T) {
	for _, k := range Katas {
		refs, yours := 0, 0
		for _, im := range k.Impls {
			switch im.Role {
			case Reference:
				refs++
			case Yours:
				yours++
				if of, ok := k.Impl(im.Of); !ok || of.Role != Reference {
					t.Errorf("kata %s: impl %s is measured against %q, which is no reference impl", k.Name, im.Name, im.Of)
				}
			}
			if im.What == "" {
				t.Errorf("kata %s: impl %s does not say what it is", k.Name, im.Name)
			}
		}
		if refs == 0 || yours == 0 {
			t.Errorf("kata %s has %d reference and %d learner impls, want at least one of each", k.Name, refs, yours)
		}
	}
}

func TestGoalsNameDeclaredImplementations(t *testing.T) {
	for _, k := range Katas {
		for _, g := range k.Goals {
			if _, ok := k.Impl(g.Impl); !ok {
				t.Errorf("kata %s: goal %q holds unknown impl %q", k.Name, g, g.Impl)
			}
			if _, ok := k.Impl(g.Than); !ok {
				t.Errorf("kata %s: goal %q compares with unknown impl %q", k.Name, g, g.Than)
			}
			if g.Max <= 0 {
				t.Errorf("kata %s: goal %q has no positive Max", k.Name, g)
			}
		}
	}
}

func TestGoalString(t *testing.T) {
	cases := map[string]Goal{
		"reference no slower than weighted":                     {Impl: "reference", Than: "weighted", Max: 1},
		"reference at least 2x as fast as puddle, op=contended": {Impl: "reference", Than: "puddle", Op: "contended", Max: 0.5},
		"reference at least 1.7x as fast as sequential, -cpu 2": {Impl: "reference", Than: "sequential", Procs: 2, Max: 1 / 1.7},
		"reference within 1.2x errgroup's time in sec/fn":       {Impl: "reference", Than: "errgroup", Unit: "sec/fn", Max: 1.2},
	}
	for want, g := range cases {
		if got := g.String(); got != want {
			t.Errorf("%#v.String() = %q, want %q", g, got, want)
		}
	}
	if got := (Goal{Impl: "a", Than: "b", Op: "x", Procs: 2, Max: 1}).Target(); got != "a no slower than b" {
		t.Errorf("Target() = %q, want it without op and -cpu", got)
	}
	if got := (Goal{Unit: "sec/fn"}).Metric(); got != "sec/fn" {
		t.Errorf("Metric() = %q, want sec/fn", got)
	}
	if got := (Goal{}).Metric(); got != "sec/op" {
		t.Errorf("Metric() of no unit = %q, want sec/op", got)
	}
}

func TestKataNamed(t *testing.T) {
	if k, ok := KataNamed("pool"); !ok || k.Benchmark != "Pool" {
		t.Errorf(`KataNamed("pool") = %v, %v; want BenchmarkPool, true`, k.Benchmark, ok)
	}
	if _, ok := KataNamed("no-such-kata"); ok {
		t.Error(`KataNamed("no-such-kata") found a benchmark that does not exist`)
	}
}

// TestEveryKataIsBenchmarked: each kata of the course has its entry in
// Katas, in the course's teaching order, so that make bench-report and kata
// bench cover them all.
func TestEveryKataIsBenchmarked(t *testing.T) {
	var want, got []string
	for _, k := range catalog.All {
		want = append(want, k.Name)
	}
	for _, k := range Katas {
		got = append(got, k.Name)
	}
	if !slices.Equal(got, want) {
		t.Errorf("Katas lists\n%q\nwant the course, in teaching order:\n%q", got, want)
	}
}
