package executortest

import (
	"context"
	"maps"
	"runtime"

	"github.com/conckata/conckata/internal/harness"
	"github.com/conckata/conckata/solutions/task"
	conciter "github.com/sourcegraph/conc/iter"
	"github.com/sourcegraph/conc/panics"
	"golang.org/x/sync/errgroup"
)

// Neither peer has a streaming form: both take a slice.
var noStream = map[string]string{
	"stream-keeps-input-order":            "no streaming form: it takes a slice",
	"stream-bounds-concurrency":           "no streaming form: it takes a slice",
	"stream-error-ends-stream":            "no streaming form: it takes a slice",
	"stream-reads-lazily":                 "no streaming form: it takes a slice",
	"stream-endless-input-bounded-memory": "no streaming form: it takes a slice",
	"break-cancels-and-waits":             "no streaming form: it takes a slice",
	"ctx-cancel-stops-stream":             "no streaming form: it takes a slice",
}

// with returns the skips of noStream and more.
func with(more map[string]string) map[string]string {
	all := maps.Clone(noStream)
	maps.Copy(all, more)
	return all
}

// Peers returns the executor kata's peers, which have a Map and no Stream:
// github.com/sourcegraph/conc/iter's Mapper.MapErr, and errgroup with
// SetLimit and one Go per element, the usual hand-written Map.
func Peers() []harness.Peer[Impl] {
	return []harness.Peer[Impl]{
		{Name: "conc-iter", Impl: Impl{Map: ConcMap}, Skip: with(map[string]string{
			"map-error-cancels-the-rest": "conc/iter has no context and no early stop: MapErr runs every element and joins all the errors, so calls waiting for their ctx are never cancelled",
			"ctx-cancel-stops-map":       "conc/iter has no context: the adapter hands ctx to fn, but MapErr goes on calling fn for every element after ctx is done, and returns the joined errors",
			"goexit-becomes-error":       "conc/iter catches panics only: a call that ends its goroutine with runtime.Goexit leaves the zero value in its place and no error",
			"nil-function-panics":        "conc/iter does not check its function: a nil one is called in a worker goroutine, and the nil dereference comes back as a panic in the caller, which the adapter makes a *task.PanicError like any other",
		})},
		{Name: "errgroup", Impl: Impl{Map: ErrgroupMap}, Skip: with(map[string]string{
			"panic-becomes-error":        "errgroup deliberately lets a panic in fn crash the process (see the comment in Group.Go, golang/go#53757)",
			"map-error-cancels-the-rest": "errgroup.Go blocks for a free slot and then starts fn even if the group's ctx was cancelled meanwhile: after the error, one more call starts, with a done ctx (the adapter checks the ctx before each Go, but cannot close that window)",
			"ctx-cancel-stops-map":       "errgroup.Go blocks for a free slot and then starts fn even if ctx was cancelled meanwhile: one more call starts after the cancellation, with a done ctx",
			"goexit-becomes-error":       "errgroup catches no panic and no runtime.Goexit: the call's goroutine ends, its result stays the zero value, and Wait returns nil",
			"nil-function-panics":        "errgroup does not check its function: a nil one is called in a goroutine of the group, and the nil dereference crashes the process",
		})},
	}
}

// ConcMap is Map on conc/iter's Mapper: MaxGoroutines is workers (0, its
// default, is GOMAXPROCS), ctx is handed to fn as is, the joined errors of
// MapErr make Map return nil, and a panic, which conc re-raises in the
// caller, becomes a *task.PanicError.
func ConcMap(ctx context.Context, workers int, in []int, fn Func) (out []int, err error) {
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	defer func() {
		if r, ok := recover().(*panics.Recovered); ok {
			out, err = nil, &task.PanicError{Value: r.Value, Stack: r.Stack}
		} else if r != nil {
			panic(r)
		}
	}()
	mapper := conciter.Mapper[int, int]{MaxGoroutines: max(workers, 0)}
	out, err = mapper.MapErr(in, func(x *int) (int, error) { return fn(ctx, *x) })
	if err != nil {
		return nil, err
	}
	return out, nil
}

// ErrgroupMap is Map on errgroup.WithContext with SetLimit(workers): one Go
// per element, each writing its own result; the loop stops once the group's
// ctx is done, and Wait returns the first error.
func ErrgroupMap(ctx context.Context, workers int, in []int, fn Func) ([]int, error) {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(workers)
	out := make([]int, len(in))
	stopped := false
	for i, x := range in {
		if gctx.Err() != nil {
			stopped = true
			break
		}
		g.Go(func() (err error) {
			out[i], err = fn(gctx, x)
			return err
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	if stopped {
		return nil, ctx.Err() // no call failed, so ctx is done, and not every element has a result
	}
	return out, nil
}
