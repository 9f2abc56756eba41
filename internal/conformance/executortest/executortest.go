// Package executortest is the conformance suite of the executor kata: the
// properties of docs/katas/executor.md, run against any implementation of its
// API (the learner's kata, the reference, the peers and the mutants).
//
// The properties run Map and Stream instantiated at int. Those that depend on
// ordering, on how many calls run at once or on time run inside
// testing/synctest bubbles, so they are exact and instant. The storm runs
// real goroutines and, like any concurrency test, may miss a bug on a given
// run: run it under -race. The memory property compares the live heap
// before and after a hundred thousand results; it cannot see an
// implementation that keeps a few bytes per element.
package executortest

import (
	"context"
	"iter"
	"testing"

	"github.com/conckata/conckata/internal/harness"
)

// Func is the function an executor calls on each element.
type Func = func(context.Context, int) (int, error)

// Impl is an implementation of the executor kata, at T = R = int. A peer
// that has no streaming form leaves Stream nil and skips its properties.
type Impl struct {
	Map    func(ctx context.Context, workers int, in []int, fn Func) ([]int, error)
	Stream func(ctx context.Context, workers int, in iter.Seq[int], fn Func) iter.Seq2[int, error]
}

// Suite holds the properties, in the order the doc page explains them.
var Suite = &harness.Suite[Impl]{
	Kata: "executor",
	Properties: []harness.Property[Impl]{
		{Name: "map-keeps-input-order", Expect: "Map returns fn's results in the order of its input, whatever order the calls finish in", Check: mapKeepsInputOrder},
		{Name: "stream-keeps-input-order", Expect: "Stream yields fn's results in the order of its input, whatever order the calls finish in, and ends with the input", Check: streamKeepsInputOrder},
		{Name: "map-bounds-concurrency", Expect: "Map runs at most workers calls at once, and exactly that many while enough are waiting (GOMAXPROCS when workers <= 0)", Check: mapBoundsConcurrency},
		{Name: "stream-bounds-concurrency", Expect: "Stream runs at most workers calls at once, and exactly that many while the consumer keeps up (GOMAXPROCS when workers <= 0)", Check: streamBoundsConcurrency},
		{Name: "map-error-cancels-the-rest", Expect: "the first error, in time, cancels the calls still running and starts no other; Map returns nil and that error once every call has returned", Check: mapErrorCancelsTheRest},
		{Name: "stream-error-ends-stream", Expect: "the first error cancels the calls still running and stops reading the input; Stream yields the results that succeeded before it in order, then the error in place of the first missing result, and ends", Check: streamErrorEndsStream},
		{Name: "panic-becomes-error", Expect: "a panic in fn becomes a *task.PanicError with the panic value and a stack, returned by Map or yielded by Stream, and the process goes on", Check: panicBecomesError},
		{Name: "goexit-becomes-error", Expect: "a fn that calls runtime.Goexit (as t.FailNow does) fails the run with a *task.PanicError, as a panic does: Map returns it, Stream yields it in that call's place, and neither waits for the lost result", Check: goexitBecomesError},
		{Name: "nil-function-panics", Expect: `Map and Stream with a nil function panic with a message that starts "executor: "`, Check: nilFunctionPanics},
		{Name: "stream-reads-lazily", Expect: "Stream reads nothing and calls nothing until iterated, and while the loop body runs for a result it has read at most workers elements beyond it", Check: streamReadsLazily},
		{Name: "stream-endless-input-bounded-memory", Expect: "Stream works on an endless input: a hundred thousand results read one window at a time, with a live heap that does not grow", Check: streamEndlessInputBoundedMemory},
		{Name: "break-cancels-and-waits", Expect: "breaking out of a Stream loop (or panicking in it) cancels the calls still running and waits for them: when the loop ends, every call has returned and no input is read", Check: breakCancelsAndWaits},
		{Name: "ctx-cancel-stops-map", Expect: "once ctx is done Map starts no call and returns nil and ctx.Err() when the calls running have returned; with ctx done at entry it calls nothing", Check: ctxCancelStopsMap},
		{Name: "ctx-cancel-stops-stream", Expect: "once ctx is done Stream reads no more input, yields the results that succeeded, then ctx.Err(), and ends; with ctx done it yields only ctx.Err()", Check: ctxCancelStopsStream},
		{Name: "map-storm-keeps-order-and-bound", Expect: "on real goroutines, for any input size, worker count and failing element, Map keeps order, never runs more than workers calls, and returns the failure", Check: mapStormKeepsOrderAndBound},
	},
}

// Run checks every property of the executor kata against impl.
func Run(t *testing.T, impl Impl) {
	t.Helper()
	Suite.Run(t, impl)
}
