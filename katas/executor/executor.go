// Package executor runs a function over many inputs on a bounded number of
// goroutines and hands the results back in input order: the Go form of
// Python's ProcessPoolExecutor.map and of loop.run_in_executor collected with
// asyncio.as_completed.
//
// Map takes a slice and returns every result at once; Stream takes an
// iterator, reads it lazily and yields the results one by one, so that it
// works on an endless input with bounded memory.
//
// In both, the first error (the first in time: a function's error, a panic,
// or the caller's ctx being done) cancels the context of every call still
// running, starts no new call, and is what the caller gets; neither returns
// before every call it started has returned.
//
// This is the kata: make `go run ./cmd/kata test executor` pass.
// The properties are explained in docs/katas/executor.md.
package executor

import (
	"context"
	"iter"
)

// Map calls fn on every element of in, at most workers calls at a time
// (workers <= 0 means runtime.GOMAXPROCS(0)), and returns the results in the
// order of in.
//
// The first error, in time, cancels the context passed to the calls still
// running, no call starts after it, and Map returns nil and that error once
// every call has returned. It is the first in time rather than the first in
// input order because the calls it cancels then fail with errors of their
// own (usually context.Canceled) that only report the cancellation. A panic
// in fn is recovered and becomes a *task.PanicError, handled as an error; so
// does a runtime.Goexit in fn (as t.FailNow calls in a test).
//
// If ctx is done before Map starts, Map returns nil and ctx.Err() and calls
// nothing; once ctx is done, no new call starts and Map returns nil and
// ctx.Err() (or an earlier error), unless every call had already succeeded.
// Map panics if fn is nil.
func Map[T, R any](ctx context.Context, workers int, in []T, fn func(context.Context, T) (R, error)) ([]R, error) {
	panic("executor: Map is not written yet (docs/katas/executor.md)")
}

// Stream returns an iterator that calls fn on every element of in, at most
// workers calls at a time (workers <= 0 means runtime.GOMAXPROCS(0)), and
// yields the results in the order of in.
//
// Stream itself reads nothing and starts nothing. Each iteration reads in
// lazily: while the loop body runs for one result, in has been read at most
// workers elements beyond it, and at most workers results wait for the
// consumer, so Stream works on an endless input with bounded memory. Reading
// in is done by the iterating goroutine, between results; a read that blocks
// is not interrupted by ctx.
//
// The first error, in time, cancels the context passed to the calls still
// running, and no more of in is read. The results that succeeded before the
// first position without one are still yielded in order; at that position
// (the failed call, a call cancelled by the failure, or the element no
// longer read) Stream yields the zero R and the first error, then ends. A
// panic in fn is recovered and becomes a *task.PanicError, handled as an
// error; so does a runtime.Goexit in fn. A done ctx is such an error: an
// iteration that starts with ctx done yields only (zero, ctx.Err()).
//
// Breaking out of the loop cancels the calls still running and waits for
// them: when the loop ends, no goroutine of the iteration is left. Stream
// panics if in or fn is nil.
func Stream[T, R any](ctx context.Context, workers int, in iter.Seq[T], fn func(context.Context, T) (R, error)) iter.Seq2[R, error] {
	panic("executor: Stream is not written yet (docs/katas/executor.md)")
}
