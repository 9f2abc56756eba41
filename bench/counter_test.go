package bench

import (
	"testing"

	"github.com/conckata/conckata/internal/conformance/countertest"
	kata "github.com/conckata/conckata/katas/counter"
	"github.com/conckata/conckata/solutions/counter"
)

// counters are the reference's three types, the peers, and the kata's three
// types (the stub's plain n += delta runs too: it races, and loses updates).
var counters = []impl[countertest.Counter]{
	{"mutex", func() countertest.Counter { return new(counter.Mutex) }},
	{"atomic", func() countertest.Counter { return new(counter.Atomic) }},
	{"sharded", func() countertest.Counter { return new(counter.Sharded) }},
	{"atomic-int64", countertest.NewAtomicInt64},
	{"xsync-counter", countertest.NewXsyncCounter},
	{"kata-mutex", func() countertest.Counter { return new(kata.Mutex) }},
	{"kata-atomic", func() countertest.Counter { return new(kata.Atomic) }},
	{"kata-sharded", func() countertest.Counter { return new(kata.Sharded) }},
}

func probeCounter(c countertest.Counter) {
	c.Add(1)
	c.Load()
}

// BenchmarkCounter measures Add(1) from every P at once (op=add), the load of
// a counter bumped on every request; and Load from every P at once on a
// counter every P has added to (op=load), which for a sharded counter reads
// every shard. Run it with -cpu 1,2,4,8: contention grows with the Ps.
func BenchmarkCounter(b *testing.B) {
	b.Run("op=add", func(b *testing.B) {
		run(b, counters, probeCounter, func(b *testing.B, c countertest.Counter) {
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					c.Add(1)
				}
			})
		})
	})
	b.Run("op=load", func(b *testing.B) {
		run(b, counters, probeCounter, func(b *testing.B, c countertest.Counter) {
			b.RunParallel(func(pb *testing.PB) {
				for range 64 {
					c.Add(1) // from this P, so that each P's shard is in use
				}
				for pb.Next() {
					if c.Load() < 0 {
						b.Error("Load() < 0 after Add(1)s only")
					}
				}
			})
		})
	})
}
