// Package gathertest is the conformance suite of the gather kata: the
// properties of docs/katas/gather.md, run against any implementation of its
// API (the learner's kata, the reference, the peers and the mutants).
//
// The properties that depend on time and order run inside testing/synctest
// bubbles, with functions that finish at chosen times on the bubble's clock,
// so "the first error in time" and "returns only after every function has
// returned" are exact and instant. The storm runs real goroutines and, like
// any concurrency test, may miss a bug on a given run: run it under -race.
package gathertest

import (
	"context"
	"testing"

	"github.com/conckata/conckata/internal/harness"
)

// Func is a function to gather, instantiated at int.
type Func = func(context.Context) (int, error)

// Result is GatherAll's result for one function, at int.
type Result struct {
	Value int
	Err   error
}

// Results converts the Results of an implementation's GatherAll[int] to the
// suite's, keeping a nil slice nil.
func Results[R ~struct {
	Value int
	Err   error
}](rs []R) []Result {
	if rs == nil {
		return nil
	}
	out := make([]Result, len(rs))
	for i, r := range rs {
		out[i] = Result(r)
	}
	return out
}

// Impl is an implementation of the gather kata, instantiated at int.
type Impl struct {
	Gather    func(ctx context.Context, fns ...Func) ([]int, error)
	GatherAll func(ctx context.Context, fns ...Func) []Result
}

// Suite holds the properties, in the order the doc page explains them.
var Suite = &harness.Suite[Impl]{
	Kata: "gather",
	Properties: []harness.Property[Impl]{
		{Name: "results-in-argument-order", Expect: "Gather and GatherAll return each function's result at its argument's index, whatever order the functions finish in", Check: resultsInArgumentOrder},
		{Name: "all-run-at-once", Expect: "every function starts at once: 100 functions of about 1s each make Gather and GatherAll return after the slowest, not after the sum", Check: allRunAtOnce},
		{Name: "zero-functions-return-at-once", Expect: "Gather and GatherAll with no functions return at once an empty, non-nil slice (and Gather a nil error), even with a done ctx", Check: zeroFunctionsReturnAtOnce},
		{Name: "nil-function-panics", Expect: `a nil function makes Gather and GatherAll panic with "gather: ..." before any function is called`, Check: nilFunctionPanics},
		{Name: "first-error-in-time-wins", Expect: "Gather returns the error of the function that failed first in time (not first or last in argument order) and a nil slice", Check: firstErrorInTimeWins},
		{Name: "error-cancels-siblings", Expect: "Gather's first error cancels the ctx of every other function at that moment, and Gather returns that error, not a sibling's context.Canceled", Check: errorCancelsSiblings},
		{Name: "returns-after-every-function", Expect: "Gather and GatherAll return only after every function has returned, even when Gather has already failed", Check: returnsAfterEveryFunction},
		{Name: "gather-all-never-cancels", Expect: "GatherAll cancels nothing when a function fails, and returns every function's value and error, as returned, at its index", Check: gatherAllNeverCancels},
		{Name: "panic-becomes-panic-error", Expect: "a panic in a function becomes a *task.PanicError: Gather's error (and the others are cancelled), or that function's Result in GatherAll", Check: panicBecomesPanicError},
		{Name: "parent-cancel-reaches-every-function", Expect: "cancelling ctx cancels every function's ctx, and a ctx already done still calls every function with it", Check: parentCancelReachesEveryFunction},
		{Name: "storm-of-gathers", Expect: "concurrent Gathers and GatherAlls on real goroutines, with random failures, return the right results, never a sibling's context.Canceled, and only after all their functions have returned", Check: stormOfGathers},
	},
}

// Run checks every property of the gather kata against impl.
func Run(t *testing.T, impl Impl) {
	t.Helper()
	Suite.Run(t, impl)
}
