// Package gather runs functions at once and collects their results in
// argument order: the Go form of Python's asyncio.gather, with and without
// return_exceptions=True.
//
// Gather is all or nothing: the first function to fail cancels the others
// and its error is the result. GatherAll keeps every function's result, error
// or not, and cancels nothing. Both return only after every function has
// returned, so no goroutine outlives the call.
//
// This is the kata: make `go run ./cmd/kata test gather` pass.
// The properties are explained in docs/katas/gather.md.
package gather

import "context"

// A panic in a function becomes a *task.PanicError: import
// "github.com/conckata/conckata/solutions/task" for it.

// A Result is what one function of GatherAll returned: exactly its value and
// its error, both kept even when the error is not nil. A panic in the
// function leaves the zero Value and a *task.PanicError as Err.
type Result[T any] struct {
	Value T
	Err   error
}

// Gather calls every fn at once, each in its own goroutine with a context
// derived from ctx, and waits until all of them have returned: the return of
// each fn "happens before" the return of Gather. If none fails, it returns
// their values in argument order and a nil error.
//
// The first fn to fail, in time, decides the result: its error is returned
// with a nil slice, and the context of the others is cancelled at that moment
// (context.Cause of it is that error), so that they can stop early. Gather
// still waits for every one of them, and what they return after the first
// error is ignored: a sibling that returns ctx.Err() does not replace the
// error that cancelled it. A panic in fn is recovered and fails it with a
// *task.PanicError.
//
// Cancelling ctx cancels every fn's context; Gather then returns whatever the
// functions return, usually the first one's ctx.Err(). The functions are
// called even when ctx is already done: each decides what a done context
// means to it. With no functions, Gather returns an empty, non-nil slice and
// nil at once, so that a nil slice always means failure. Gather panics if a
// fn is nil, before calling any of them.
func Gather[T any](ctx context.Context, fns ...func(context.Context) (T, error)) ([]T, error) {
	panic("gather: Gather is not written yet (docs/katas/gather.md)")
}

// GatherAll calls every fn at once, each in its own goroutine with a context
// derived from ctx, waits until all of them have returned (the return of each
// "happens before" the return of GatherAll), and returns what each returned,
// in argument order: asyncio.gather with return_exceptions=True. A failure
// cancels nothing; only ctx does. A panic in fn is recovered and becomes its
// Result's *task.PanicError.
//
// The functions are called even when ctx is already done. With no functions,
// GatherAll returns an empty, non-nil slice at once. It panics if a fn is
// nil, before calling any of them.
func GatherAll[T any](ctx context.Context, fns ...func(context.Context) (T, error)) []Result[T] {
	panic("gather: GatherAll is not written yet (docs/katas/gather.md)")
}
