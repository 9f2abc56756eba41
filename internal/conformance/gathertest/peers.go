package gathertest

import (
	"context"
	"fmt"

	"github.com/conckata/conckata/internal/harness"
	"github.com/sourcegraph/conc/pool"
	"golang.org/x/sync/errgroup"
)

// Peers returns the gather kata's peers: golang.org/x/sync's errgroup, and
// the result pool of github.com/sourcegraph/conc/pool v0.3.0.
func Peers() []harness.Peer[Impl] {
	nilFn := "%s starts a nil function like any other: calling it panics in the function's goroutine, not in the caller before anything starts"
	return []harness.Peer[Impl]{
		{
			Name: "errgroup",
			Impl: Impl{Gather: ErrgroupGather, GatherAll: ErrgroupGatherAll},
			Skip: map[string]string{
				"panic-becomes-panic-error": "errgroup.Group does not recover panics: a panic in a function crashes the process (x/sync v0.22.0 chose not to propagate them to Wait; the comment in Group.Go cites golang/go#53757)",
				"nil-function-panics":       fmt.Sprintf(nilFn, "errgroup.Group.Go") + ", and crashes the process",
			},
		},
		{
			Name: "conc-pool",
			Impl: Impl{Gather: ConcGather, GatherAll: ConcGatherAll},
			Skip: map[string]string{
				"results-in-argument-order":     "conc's result pools append each result as its task finishes: results come in completion order (its documentation says the order is not guaranteed)",
				"storm-of-gathers":              "the storm checks each result at its function's index, and conc's result pools return them in completion order",
				"zero-functions-return-at-once": "conc's result pools return a nil slice when no task ran",
				"panic-becomes-panic-error":     "conc recovers a task's panic and re-raises it from Wait, in the caller's goroutine, instead of returning it as an error",
				"nil-function-panics":           fmt.Sprintf(nilFn, "conc's pool.Go") + ", and Wait re-raises that panic after the other functions have run",
			},
		},
	}
}

// ErrgroupGather is Gather built on errgroup.WithContext: each function
// writes its value at its index, and Wait returns the first error, which also
// cancelled the group's ctx.
func ErrgroupGather(ctx context.Context, fns ...Func) ([]int, error) {
	g, ctx := errgroup.WithContext(ctx)
	values := make([]int, len(fns))
	for i, fn := range fns {
		g.Go(func() error {
			v, err := fn(ctx)
			values[i] = v
			return err
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	return values, nil
}

// ErrgroupGatherAll is GatherAll built on a plain errgroup.Group (no ctx, so
// no cancellation): each function's Result goes to its index and no error
// reaches the group.
func ErrgroupGatherAll(ctx context.Context, fns ...Func) []Result {
	var g errgroup.Group
	results := make([]Result, len(fns))
	for i, fn := range fns {
		g.Go(func() error {
			v, err := fn(ctx)
			results[i] = Result{v, err}
			return nil
		})
	}
	g.Wait() // always nil: the errors are in results
	return results
}

// ConcGather is Gather built on conc's ResultContextPool, configured to
// cancel the others on an error and to return only the first error.
func ConcGather(ctx context.Context, fns ...Func) ([]int, error) {
	p := pool.NewWithResults[int]().WithContext(ctx).WithCancelOnError().WithFirstError()
	for _, fn := range fns {
		p.Go(fn)
	}
	values, err := p.Wait()
	if err != nil {
		return nil, err
	}
	return values, nil
}

// ConcGatherAll is GatherAll built on conc's ResultPool of Results: no error
// reaches the pool, so nothing is cancelled.
func ConcGatherAll(ctx context.Context, fns ...Func) []Result {
	p := pool.NewWithResults[Result]()
	for _, fn := range fns {
		p.Go(func() Result {
			v, err := fn(ctx)
			return Result{v, err}
		})
	}
	return p.Wait()
}
