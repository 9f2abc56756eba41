package ascompletedtest

import (
	"context"
	"iter"

	"github.com/conckata/conckata/internal/harness"
	"github.com/sourcegraph/conc/pool"
)

// Peers returns the ascompleted kata's peers: sourcegraph/conc's ContextPool
// feeding a channel of results, the fan-in a Go programmer would write with
// it. It passes every property but one.
func Peers() []harness.Peer[Impl] {
	return []harness.Peer[Impl]{{
		Name: "conc-pool",
		Impl: Impl{AsCompleted: ConcPool},
		Skip: map[string]string{
			"panic-becomes-panic-error":  "conc's pool recovers a function's panic and panics again in Wait, on the looping goroutine, once the loop ends; the function yields nothing in its place, so the loop waits for it",
			"goexit-becomes-panic-error": "conc's pool catches panics only: a function that calls runtime.Goexit sends nothing to the results channel, so the loop waits for it for ever",
		},
	}}
}

// ConcPool is AsCompleted on conc's ContextPool: each function sends its
// result to a channel that the loop receives from, in completion order. The
// pool's Wait, deferred, makes the loop end only after every function has
// returned.
func ConcPool(ctx context.Context, fns ...Func) iter.Seq2[int, error] {
	for _, fn := range fns {
		if fn == nil {
			panic("ascompleted: AsCompleted called with a nil function")
		}
	}
	type result struct {
		v   int
		err error
	}
	return func(yield func(int, error) bool) {
		run, cancel := context.WithCancel(ctx)
		p := pool.New().WithContext(run)
		results := make(chan result, len(fns))
		for _, fn := range fns {
			p.Go(func(ctx context.Context) error {
				v, err := fn(ctx)
				results <- result{v, err}
				return nil
			})
		}
		defer func() { _ = p.Wait() }()
		defer cancel()
		for pending := len(fns); pending > 0; pending-- {
			select {
			case r := <-results:
				if !yield(r.v, r.err) {
					return
				}
			case <-ctx.Done():
				for range pending {
					if !yield(0, ctx.Err()) {
						return
					}
				}
				return
			}
		}
	}
}
