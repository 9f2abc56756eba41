// Package countertest is the conformance suite of the counter kata: the
// properties of docs/katas/counter.md, run against any implementation of its
// API (the learner's kata, the reference, the peers and the mutants).
//
// Every property runs real goroutines on real processors: it checks each
// counter type of the implementation in a subtest of its own. Like any
// concurrency test it may miss a bug on a given run (a lost update needs two
// processors to collide), so run it under the race detector, which sees an
// unsynchronised access even when no update was lost.
package countertest

import (
	"testing"

	"github.com/conckata/conckata/internal/harness"
)

// Counter is the API under test.
type Counter interface {
	Add(delta int64)
	Load() int64
}

// Type is one counter type of an implementation.
type Type struct {
	Name string         // as the kata names it: "Mutex", "Atomic", "Sharded"
	New  func() Counter // a counter at 0; for the kata, a zero value
}

// Impl is an implementation of the counter kata: one or more counter types,
// each of which must have every property.
type Impl struct {
	Types []Type
}

// Suite holds the properties, in the order the doc page explains them.
var Suite = &harness.Suite[Impl]{
	Kata: "counter",
	Properties: []harness.Property[Impl]{
		{Name: "sums-exactly", Expect: "after any mix of Adds (negative, zero, large) from many goroutines at once, Load returns their exact sum", Check: sumsExactly},
		{Name: "loads-never-decrease", Expect: "with deltas that are not negative, successive Loads never go down, also while other goroutines Add", Check: loadsNeverDecrease},
		{Name: "race-free", Expect: "Adds and Loads from many goroutines at once are free of data races (the race detector reports none) and lose nothing", Check: raceFree},
		{Name: "zero-value-ready", Expect: "a new zero value needs no constructor: it Loads 0, and its very first Adds, made by many goroutines at once, all count", Check: zeroValueReady},
		{Name: "gomaxprocs-change-is-safe", Expect: "a counter first used with few processors keeps counting exactly after GOMAXPROCS is raised (xsync #74)", Check: gomaxprocsChangeIsSafe},
	},
}

// Run checks every property of the counter kata against impl.
func Run(t *testing.T, impl Impl) {
	t.Helper()
	Suite.Run(t, impl)
}

// eachType runs check for every counter type of impl, each in a subtest
// named after the type, and stops at the first type that fails: the
// learner reads one failure per property.
func eachType(t *testing.T, impl Impl, check func(t *testing.T, ty Type)) {
	t.Helper()
	if len(impl.Types) == 0 {
		t.Fatal("countertest: the implementation has no counter types")
	}
	for _, ty := range impl.Types {
		if !t.Run(ty.Name, func(t *testing.T) { check(t, ty) }) {
			return
		}
	}
}
