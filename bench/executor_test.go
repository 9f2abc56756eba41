package bench

import (
	"context"
	"slices"
	"testing"

	"github.com/conckata/conckata/internal/conformance/executortest"
	kata "github.com/conckata/conckata/katas/executor"
	"github.com/conckata/conckata/solutions/executor"
)

var executors = []impl[executortest.Impl]{
	{"reference", func() executortest.Impl {
		return executortest.Impl{Map: executor.Map[int, int], Stream: executor.Stream[int, int]}
	}},
	{"conc-iter", func() executortest.Impl { return executortest.Impl{Map: executortest.ConcMap} }},
	{"errgroup", func() executortest.Impl { return executortest.Impl{Map: executortest.ErrgroupMap} }},
	{"kata", func() executortest.Impl {
		return executortest.Impl{Map: kata.Map[int, int], Stream: kata.Stream[int, int]}
	}},
}

// streamers are the executors that have a Stream: the peers take a slice.
var streamers = slices.DeleteFunc(slices.Clone(executors), func(im impl[executortest.Impl]) bool {
	return im.new().Stream == nil
})

// cheapItems is the input size of both ops: the "1000 cheap items".
const cheapItems = 1000

// cheap is a function so cheap that the executor's own cost is what is
// measured.
func cheap(_ context.Context, x int) (int, error) { return 2*x + 1, nil }

func probeMap(e executortest.Impl) { _, _ = e.Map(context.Background(), 1, []int{1}, cheap) }

func probeStream(e executortest.Impl) {
	for range e.Stream(context.Background(), 1, slices.Values([]int{1}), cheap) {
	}
}

// BenchmarkExecutor measures one Map of 1000 cheap items with GOMAXPROCS
// workers (op=map), and one loop over a Stream of the same items
// (op=stream), whose results cross from the workers to the consumer one by
// one.
func BenchmarkExecutor(b *testing.B) {
	ctx := context.Background()
	in := make([]int, cheapItems)
	for i := range in {
		in[i] = i
	}
	b.Run("op=map", func(b *testing.B) {
		run(b, executors, probeMap, func(b *testing.B, e executortest.Impl) {
			for b.Loop() {
				if out, err := e.Map(ctx, 0, in, cheap); err != nil || len(out) != cheapItems {
					b.Fatal(len(out), err)
				}
			}
		})
	})
	b.Run("op=stream", func(b *testing.B) {
		run(b, streamers, probeStream, func(b *testing.B, e executortest.Impl) {
			for b.Loop() {
				n := 0
				for _, err := range e.Stream(ctx, 0, slices.Values(in), cheap) {
					if err != nil {
						b.Fatal(err)
					}
					n++
				}
				if n != cheapItems {
					b.Fatal(n)
				}
			}
		})
	})
}
