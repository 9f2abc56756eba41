// Package gather runs functions at once and collects their results in
// argument order: the Go form of Python's asyncio.gather, with and without
// return_exceptions=True.
//
// Gather is all or nothing: the first function to fail cancels the others
// and its error is the result. GatherAll keeps every function's result, error
// or not, and cancels nothing. Both return only after every function has
// returned, so no goroutine outlives the call.
package gather

import (
	"context"
	"fmt"
	"runtime/debug"
	"sync"

	"github.com/conckata/conckata/solutions/task"
)

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
	mustNotBeNil("Gather", fns)
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	g := &gathering[T]{ctx: ctx, fns: fns, values: make([]T, len(fns)), cancel: cancel}
	g.wg.Add(len(fns)) // once, not once per fn: the loop below only starts goroutines
	for i := range fns {
		go g.run(i) // g.run(i), not g.run(ctx, i, fn): a smaller closure to allocate per fn
	}
	g.wg.Wait()
	if g.err != nil {
		return nil, g.err
	}
	return g.values, nil
}

// gathering is one call of Gather, shared by the goroutines it starts.
type gathering[T any] struct {
	ctx    context.Context // the functions' context, cancelled at the first failure
	fns    []func(context.Context) (T, error)
	wg     sync.WaitGroup // counts the functions still running
	values []T            // values[i] is written only by fn i's goroutine, before wg.Done

	// failed lets only the first failure write err and cancel; err is read
	// by Gather only after wg.Wait.
	failed sync.Once
	err    error
	cancel context.CancelCauseFunc
}

func (g *gathering[T]) run(i int) {
	var err error
	defer g.finish(&err) // deferred, so that a runtime.Goexit in fn still counts
	call(g.ctx, g.fns[i], &g.values[i], &err)
}

// finish records fn's error, if it is the first, and counts fn as returned.
func (g *gathering[T]) finish(err *error) {
	if *err != nil {
		g.failed.Do(func() {
			g.err = *err
			g.cancel(*err)
		})
	}
	g.wg.Done()
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
	mustNotBeNil("GatherAll", fns)
	results := make([]Result[T], len(fns))
	var wg sync.WaitGroup
	wg.Add(len(fns))
	for i, fn := range fns {
		go func() {
			defer wg.Done()
			r := &results[i] // each goroutine writes only its own element
			call(ctx, fn, &r.Value, &r.Err)
		}()
	}
	wg.Wait()
	return results
}

// mustNotBeNil panics if a function is nil. Checking them all before starting
// any means that a caller bug never leaves goroutines running behind a panic.
func mustNotBeNil[T any](name string, fns []func(context.Context) (T, error)) {
	for i, fn := range fns {
		if fn == nil {
			panic(fmt.Sprintf("gather: %s called with a nil function (argument %d)", name, i))
		}
	}
}

// call runs fn and stores what it returned in *v and *err. A panic, or a
// runtime.Goexit, leaves *v alone and stores a *task.PanicError in *err, as
// task.Go does; the results go through pointers because a Goexit goes on
// unwinding after the deferred function, so call never returns. A Task per
// function would cost a channel and a context each: one recover is enough.
func call[T any](ctx context.Context, fn func(context.Context) (T, error), v *T, err *error) {
	returned := false
	defer func() {
		if returned {
			return
		}
		r := recover()
		if r == nil { // runtime.Goexit, as t.FailNow calls
			r = "runtime.Goexit called in a gathered function"
		}
		*err = &task.PanicError{Value: r, Stack: debug.Stack()}
	}()
	*v, *err = fn(ctx)
	returned = true
}
