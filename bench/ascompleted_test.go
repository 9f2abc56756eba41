package bench

import (
	"context"
	"iter"
	"sync"
	"testing"

	"github.com/conckata/conckata/internal/conformance/ascompletedtest"
	kata "github.com/conckata/conckata/katas/ascompleted"
	"github.com/conckata/conckata/solutions/ascompleted"
)

type asCompletedFunc = func(ctx context.Context, fns ...ascompletedtest.Func) iter.Seq2[int, error]

var asCompleteds = []impl[asCompletedFunc]{
	{"reference", func() asCompletedFunc { return ascompleted.AsCompleted[int] }},
	{"conc-pool", func() asCompletedFunc { return ascompletedtest.ConcPool }},
	{"fanin", func() asCompletedFunc { return fanIn }},
	{"kata", func() asCompletedFunc { return kata.AsCompleted[int] }},
}

func probeAsCompleted(f asCompletedFunc) {
	for range f(context.Background(), trivial) {
	}
}

// trivial is a function that does no work: what is measured is the cost of
// starting it, collecting its result and yielding it.
func trivial(context.Context) (int, error) { return 1, nil }

// fanIn is the floor: a goroutine per function sending to a buffered
// channel, a WaitGroup, and nothing else. It has no ctx handling and no
// panic recovery, and it waits for the functions only when the loop ends.
func fanIn(ctx context.Context, fns ...ascompletedtest.Func) iter.Seq2[int, error] {
	return func(yield func(int, error) bool) {
		type result struct {
			v   int
			err error
		}
		results := make(chan result, len(fns))
		var wg sync.WaitGroup
		defer wg.Wait()
		for _, fn := range fns {
			wg.Go(func() {
				v, err := fn(ctx)
				results <- result{v, err}
			})
		}
		for range fns {
			r := <-results
			if !yield(r.v, r.err) {
				return
			}
		}
	}
}

// BenchmarkAsCompleted measures one loop over AsCompleted of 10 and of 1000
// trivial functions, to the end (op=all-10, op=all-1000), and a loop over 100
// that breaks at the first result, cancelling and waiting for the rest
// (op=first-of-100).
func BenchmarkAsCompleted(b *testing.B) {
	ctx := context.Background()
	for _, c := range []struct {
		op       string
		n, yield int
	}{{"all-10", 10, 10}, {"all-1000", 1000, 1000}, {"first-of-100", 100, 1}} {
		fns := make([]ascompletedtest.Func, c.n)
		for i := range fns {
			fns[i] = trivial
		}
		b.Run("op="+c.op, func(b *testing.B) {
			run(b, asCompleteds, probeAsCompleted, func(b *testing.B, f asCompletedFunc) {
				for b.Loop() {
					got := 0
					for _, err := range f(ctx, fns...) {
						if err != nil {
							b.Fatal(err)
						}
						if got++; got == c.yield {
							break
						}
					}
				}
			})
		})
	}
}
