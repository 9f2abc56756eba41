// Package ascompletedtest is the conformance suite of the ascompleted kata:
// the properties of docs/katas/ascompleted.md, run against any implementation
// of its API (the learner's kata, the reference, the peers and the mutants).
//
// Ordering and timeouts are checked inside testing/synctest bubbles, where
// the functions sleep on the bubble's fake clock, so the order of completion
// and the moment of each yield are exact. The storm runs real goroutines and,
// like any concurrency test, may miss a bug on a given run: run it under
// -race.
package ascompletedtest

import (
	"context"
	"iter"
	"testing"

	"github.com/conckata/conckata/internal/harness"
)

// Func is the kind of function AsCompleted runs, at T = int.
type Func = func(context.Context) (int, error)

// Impl is an implementation of the ascompleted kata, instantiated at int.
type Impl struct {
	AsCompleted func(ctx context.Context, fns ...Func) iter.Seq2[int, error]
}

// Suite holds the properties, in the order the doc page explains them.
var Suite = &harness.Suite[Impl]{
	Kata: "ascompleted",
	Properties: []harness.Property[Impl]{
		{Name: "nothing-starts-before-iteration", Expect: "AsCompleted starts no function until the loop ranges over its iterator, and then starts them all at once", Check: nothingStartsBeforeIteration},
		{Name: "yields-in-completion-order", Expect: "each result is yielded as soon as its function returns, in the order they return, not in argument order", Check: yieldsInCompletionOrder},
		{Name: "yields-each-result-once", Expect: "for any set of functions with distinct durations, values and errors, every result is yielded exactly once, at the moment its function returns", Check: yieldsEachResultOnce},
		{Name: "error-cancels-nothing", Expect: "a function's error is yielded in its place and the other functions run on with their ctx not done", Check: errorCancelsNothing},
		{Name: "panic-becomes-panic-error", Expect: "a panic in a function is yielded in its place as a *task.PanicError holding the panic value, and the others run on", Check: panicBecomesPanicError},
		{Name: "goexit-becomes-panic-error", Expect: "a function that calls runtime.Goexit (as t.FailNow does) is yielded in its place as a *task.PanicError, and the loop does not wait for a result that never comes", Check: goexitBecomesPanicError},
		{Name: "break-cancels-and-waits", Expect: "breaking out of the loop cancels every function still running and ends the loop only after all of them have returned", Check: breakCancelsAndWaits},
		{Name: "body-panic-cancels-and-waits", Expect: "a panic in the loop body cancels every function still running and propagates only after all of them have returned", Check: bodyPanicCancelsAndWaits},
		{Name: "ctx-done-yields-at-once", Expect: "once ctx is done, every unfinished function is yielded at once as (0, ctx.Err()), and the loop ends only after every function has returned", Check: ctxDoneYieldsAtOnce},
		{Name: "done-ctx-yields-errors", Expect: "with a ctx already done, every function is yielded at once as (0, ctx.Err()), and the loop ends only after every function has returned", Check: doneCtxYieldsErrors},
		{Name: "ranging-again-runs-again", Expect: "each range over the iterator runs every function afresh and yields all its results again", Check: rangingAgainRunsAgain},
		{Name: "no-functions-yields-nothing", Expect: "AsCompleted with no functions yields nothing and the loop ends at once", Check: noFunctionsYieldsNothing},
		{Name: "nil-function-panics", Expect: `AsCompleted panics with an "ascompleted: ..." message when a function is nil`, Check: nilFunctionPanics},
		{Name: "storm-yields-once-and-leaves-nothing", Expect: "on real goroutines, with random durations, errors, breaks and expiring ctxs, no result is yielded twice and no function outlives its loop", Check: stormYieldsOnceAndLeavesNothing},
	},
}

// Run checks every property of the ascompleted kata against impl.
func Run(t *testing.T, impl Impl) {
	t.Helper()
	Suite.Run(t, impl)
}
