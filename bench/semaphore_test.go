package bench

import (
	"context"
	"testing"

	"github.com/conckata/conckata/internal/conformance/semaphoretest"
	kata "github.com/conckata/conckata/katas/semaphore"
	"github.com/conckata/conckata/solutions/semaphore"
)

// semaphores have 4 permits each: the benchmark setting.
var semaphores = []impl[semaphoretest.Semaphore]{
	{"reference", func() semaphoretest.Semaphore { return semaphore.New(4) }},
	{"weighted", func() semaphoretest.Semaphore { return semaphoretest.NewWeighted(4) }},
	{"channel", func() semaphoretest.Semaphore { return semaphoretest.NewChannel(4) }},
	{"kata", func() semaphoretest.Semaphore { return kata.New(4) }},
}

func probeSemaphore(s semaphoretest.Semaphore) {
	if s.Acquire(context.Background()) == nil {
		s.Release()
	}
}

// BenchmarkSemaphore measures Acquire+Release of one permit of four: by one
// goroutine (op=uncontended); by one goroutine per P, so that up to -cpu 4
// they share the semaphore's memory but nobody waits (op=parallel); and by
// four goroutines per P, so that at -cpu 2 eight goroutines compete for four
// permits and waits are real (op=contended).
func BenchmarkSemaphore(b *testing.B) {
	ctx := context.Background()
	b.Run("op=uncontended", func(b *testing.B) {
		run(b, semaphores, probeSemaphore, func(b *testing.B, s semaphoretest.Semaphore) {
			for b.Loop() {
				if err := s.Acquire(ctx); err != nil {
					b.Fatal(err)
				}
				s.Release()
			}
		})
	})
	b.Run("op=parallel", func(b *testing.B) {
		run(b, semaphores, probeSemaphore, func(b *testing.B, s semaphoretest.Semaphore) {
			acquireReleaseParallel(b, s, 1)
		})
	})
	b.Run("op=contended", func(b *testing.B) {
		run(b, semaphores, probeSemaphore, func(b *testing.B, s semaphoretest.Semaphore) {
			acquireReleaseParallel(b, s, 4)
		})
	})
}

// acquireReleaseParallel runs Acquire+Release on s from perP goroutines per P.
func acquireReleaseParallel(b *testing.B, s semaphoretest.Semaphore, perP int) {
	ctx := context.Background()
	b.SetParallelism(perP)
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if err := s.Acquire(ctx); err != nil {
				b.Error(err)
				return
			}
			s.Release()
		}
	})
}
