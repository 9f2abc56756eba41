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
package executor

import (
	"context"
	"runtime"
	"runtime/debug"
	"sync"
	"sync/atomic"

	"github.com/conckata/conckata/solutions/task"
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
	if fn == nil {
		panic("executor: Map called with a nil function")
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	r := newRun(ctx)
	defer r.stop()
	out := make([]R, len(in))
	// The calls share one counter of the next index rather than a channel of
	// jobs: taking an item costs one atomic add, and results are written in
	// place, so nothing is allocated per item.
	var next atomic.Int64
	loop := func() {
		for {
			i := int(next.Add(1) - 1)
			if i >= len(in) {
				return
			}
			if err := r.ctx.Err(); err != nil {
				r.fail(err)
				return
			}
			v, err := fn(r.ctx, in[i])
			if err != nil {
				r.fail(err)
				return
			}
			out[i] = v
		}
	}
	work := func() {
		// One recover per worker, not per call: a panic ends the run anyway.
		returned := false
		defer r.recover(&returned)
		loop()
		returned = true
	}
	// Every worker is a goroutine of its own, as in conc/iter. Making the
	// caller one of them saves a goroutine, but then the one it starts waits
	// in the caller's runnext slot, which other Ps steal only after a few
	// microseconds: about as long as 1000 cheap items take.
	var wg sync.WaitGroup
	for range min(limit(workers), len(in)) {
		wg.Go(work)
	}
	wg.Wait()
	if err := r.err(); err != nil {
		return nil, err
	}
	return out, nil
}

// limit returns the number of workers to use when workers are asked for.
func limit(workers int) int {
	if workers <= 0 {
		return runtime.GOMAXPROCS(0)
	}
	return workers
}

// A run is one call of Map or one iteration of a Stream: the context its
// calls share, and the first error, which cancels that context.
type run struct {
	ctx    context.Context // passed to every call; done after the first error
	cancel context.CancelCauseFunc

	mu    sync.Mutex // protects first
	first error      // the first error reported by fail; never replaced
}

func newRun(parent context.Context) *run {
	ctx, cancel := context.WithCancelCause(parent)
	return &run{ctx: ctx, cancel: cancel}
}

// fail records err if it is the first error, and cancels the run's context
// with it as the cause, so that context.Cause tells a call why it stopped.
func (r *run) fail(err error) {
	r.mu.Lock()
	if r.first == nil {
		r.first = err
	}
	r.mu.Unlock()
	r.cancel(err)
}

func (r *run) err() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.first
}

// stop releases the run's context once no call uses it any more.
func (r *run) stop() { r.cancel(nil) }

// recover, deferred by a worker, makes a panic in fn the run's failure, a
// *task.PanicError with the stack of the goroutine that panicked. A worker
// that did not return although nothing panicked was ended by a
// runtime.Goexit in fn (t.FailNow in a test does that): that is a failure
// too, or the calls it would have made would silently have no result.
func (r *run) recover(returned *bool) {
	p := recover()
	switch {
	case p != nil:
		r.fail(&task.PanicError{Value: p, Stack: debug.Stack()})
	case !*returned:
		r.fail(goexitError())
	}
}

// goexitError is the failure of a call that ended its goroutine with
// runtime.Goexit: there is no result, so it is reported as task.Go reports
// it, as a *task.PanicError.
func goexitError() error {
	return &task.PanicError{Value: "runtime.Goexit called in the function", Stack: debug.Stack()}
}

// call calls fn and turns a panic into a *task.PanicError. Its deferred
// recover is open-coded, as it is the only defer of a small function: it
// costs a few nanoseconds per call, not a frame of its own.
func call[T, R any](ctx context.Context, fn func(context.Context, T) (R, error), x T) (v R, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = &task.PanicError{Value: p, Stack: debug.Stack()}
		}
	}()
	return fn(ctx, x)
}
