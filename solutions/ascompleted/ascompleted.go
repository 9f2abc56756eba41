// Package ascompleted runs functions concurrently and hands back their
// results one by one as they complete: the Go form of Python's
// asyncio.as_completed, as a range-over-func iterator.
package ascompleted

import (
	"context"
	"iter"
	"runtime/debug"
	"sync"

	"github.com/conckata/conckata/solutions/task"
)

// AsCompleted returns an iterator that runs every fn in its own goroutine and
// yields each one's result exactly once, in the order the functions return.
//
// Nothing starts when AsCompleted is called: each range over the iterator
// starts every fn afresh, with a context derived from ctx, so ranging twice
// runs every fn twice. A fn's error is yielded in its place and cancels
// nothing. A panic in a fn is recovered and yielded as a *task.PanicError.
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
	for _, fn := range fns {
		if fn == nil {
			panic("ascompleted: AsCompleted called with a nil function")
		}
	}
	return func(yield func(T, error) bool) {
		run, cancel := context.WithCancel(ctx)
		// Buffered for every result, so that a fn whose result is never
		// received (after a break or a done ctx) can still return.
		results := make(chan result[T], len(fns))
		var running sync.WaitGroup
		defer running.Wait()
		defer cancel()
		for _, fn := range fns {
			running.Go(func() { call(run, fn, results) })
		}
		for pending := len(fns); pending > 0; pending-- {
			r, ok := next(ctx, results)
			if !ok {
				yieldDone(ctx, pending, yield)
				return
			}
			if !yield(r.value, r.err) {
				return
			}
		}
	}
}

type result[T any] struct {
	value T
	err   error
}

// next returns the next result, or false once ctx is done. A result already
// waiting wins over a done ctx, as in asyncio, where the results queued
// before the timeout are yielded before its TimeoutError.
func next[T any](ctx context.Context, results <-chan result[T]) (result[T], bool) {
	select {
	case r := <-results:
		return r, true
	default:
	}
	select {
	case r := <-results:
		return r, true
	case <-ctx.Done():
		return result[T]{}, false
	}
}

// yieldDone yields ctx.Err() for each of the pending fns, without waiting for
// them: a slow fn that ignores its context must not hold up the timeout.
func yieldDone[T any](ctx context.Context, pending int, yield func(T, error) bool) {
	var zero T
	for range pending {
		if !yield(zero, ctx.Err()) {
			return
		}
	}
}

// call runs fn and sends its result, from a deferred function: a
// runtime.Goexit in fn (as t.FailNow calls) unwinds the goroutine past any
// statement after the call, so only a deferred send still reports it. A
// panic, or a Goexit, is sent as a *task.PanicError.
func call[T any](ctx context.Context, fn func(context.Context) (T, error), results chan<- result[T]) {
	var r result[T]
	returned := false
	defer func() {
		if !returned {
			p := recover()
			if p == nil {
				p = "runtime.Goexit called in the function"
			}
			r = result[T]{err: &task.PanicError{Value: p, Stack: debug.Stack()}}
		}
		results <- r
	}()
	r.value, r.err = fn(ctx)
	returned = true
}
