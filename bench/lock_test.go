package bench

import (
	"context"
	"sync"
	"testing"

	"github.com/conckata/conckata/internal/conformance/locktest"
	kata "github.com/conckata/conckata/katas/lock"
	"github.com/conckata/conckata/solutions/lock"
)

var locks = []impl[locktest.Mutex]{
	{"reference", func() locktest.Mutex { return new(lock.Mutex) }},
	{"sync-mutex", func() locktest.Mutex { return new(syncMutex) }},
	{"weighted", locktest.NewWeighted},
	{"channel", locktest.NewChannel},
	{"kata", func() locktest.Mutex { return new(kata.Mutex) }},
}

// syncMutex is sync.Mutex behind the kata's API: the floor, not a peer, since
// its Lock cannot be cancelled and ignores ctx.
type syncMutex struct{ sync.Mutex }

func (m *syncMutex) Lock(context.Context) error { m.Mutex.Lock(); return nil }

func (m *syncMutex) Locked() bool {
	if m.TryLock() {
		m.Unlock()
		return false
	}
	return true
}

func probeLock(m locktest.Mutex) {
	if m.Lock(context.Background()) == nil {
		m.Unlock()
	}
}

// BenchmarkLock measures Lock+Unlock with an empty critical section: by one
// goroutine (op=uncontended), and by four goroutines per P, so that at -cpu 2
// eight goroutines compete and most Locks wait (op=contended). Every
// implementation is called through the same interface.
func BenchmarkLock(b *testing.B) {
	ctx := context.Background()
	b.Run("op=uncontended", func(b *testing.B) {
		run(b, locks, probeLock, func(b *testing.B, m locktest.Mutex) {
			for b.Loop() {
				if err := m.Lock(ctx); err != nil {
					b.Fatal(err)
				}
				m.Unlock()
			}
		})
	})
	b.Run("op=contended", func(b *testing.B) {
		run(b, locks, probeLock, func(b *testing.B, m locktest.Mutex) {
			b.SetParallelism(4)
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					if err := m.Lock(ctx); err != nil {
						b.Error(err)
						return
					}
					m.Unlock()
				}
			})
		})
	})
}
