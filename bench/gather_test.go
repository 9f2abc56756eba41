package bench

import (
	"context"
	"fmt"
	"testing"

	"github.com/conckata/conckata/internal/conformance/gathertest"
	kata "github.com/conckata/conckata/katas/gather"
	"github.com/conckata/conckata/solutions/gather"
)

var gathers = []impl[gathertest.Impl]{
	{"reference", func() gathertest.Impl { return gathertest.Impl{Gather: gather.Gather[int]} }},
	{"errgroup", func() gathertest.Impl { return gathertest.Impl{Gather: gathertest.ErrgroupGather} }},
	{"conc-pool", func() gathertest.Impl { return gathertest.Impl{Gather: gathertest.ConcGather} }},
	{"kata", func() gathertest.Impl { return gathertest.Impl{Gather: kata.Gather[int]} }},
}

func probeGather(g gathertest.Impl) { _, _ = g.Gather(context.Background(), nothingToGather) }

// nothingToGather is a function that does no work, so that a Gather of n of them
// measures the cost of gathering itself.
func nothingToGather(context.Context) (int, error) { return 1, nil }

// BenchmarkGather measures one Gather of 10 and of 1000 functions that do nothing
// (op=fns-10, op=fns-1000), and reports the cost per function as ns/fn. The
// target: the reference's per-function overhead within 1.2 times errgroup's.
func BenchmarkGather(b *testing.B) {
	ctx := context.Background()
	for _, n := range []int{10, 1000} {
		fns := make([]gathertest.Func, n)
		for i := range fns {
			fns[i] = nothingToGather
		}
		b.Run(fmt.Sprintf("op=fns-%d", n), func(b *testing.B) {
			run(b, gathers, probeGather, func(b *testing.B, g gathertest.Impl) {
				for b.Loop() {
					if _, err := g.Gather(ctx, fns...); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/fn")
			})
		})
	}
}
