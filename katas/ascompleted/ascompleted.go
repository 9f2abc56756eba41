// Package ascompleted runs functions concurrently and hands back their
// results one by one as they complete: the Go form of Python's
// asyncio.as_completed, as a range-over-func iterator.
//
// This is the kata: make `go run ./cmd/kata test ascompleted` pass.
// The properties are explained in docs/katas/ascompleted.md.
package ascompleted

import (
	"context"
	"iter"
)

// AsCompleted returns an iterator that runs every fn in its own goroutine and
// yields each one's result exactly once, in the order the functions return.
//
// Nothing starts when AsCompleted is called: each range over the iterator
// starts every fn afresh, with a context derived from ctx, so ranging twice
// runs every fn twice. A fn's error is yielded in its place and cancels
// nothing. A panic in a fn is recovered and yielded as a *task.PanicError
// (from github.com/conckata/conckata/solutions/task).
//
// Breaking out of the loop (or a panic in its body) cancels the context of
// every fn still running and waits for all of them to return before the range
// statement ends: no goroutine outlives the loop.
//
// Once ctx is done, every fn that has not yet returned is yielded at once as
// the zero value and ctx.Err(), without waiting for it; the loop still ends
// only after every fn has returned, and their late results are dropped. A ctx
// deadline is asyncio's as_completed timeout. When a fn returns just as ctx
// is done, either its result or ctx.Err() may be yielded for it.
//
// AsCompleted panics if a fn is nil.
func AsCompleted[T any](ctx context.Context, fns ...func(context.Context) (T, error)) iter.Seq2[T, error] {
	panic("ascompleted: AsCompleted is not written yet (docs/katas/ascompleted.md)")
}
