// Package memprobe measures what an implementation keeps: the live heap
// before and after many cancelled waits, for the properties that claim "a
// cancelled wait leaves nothing behind".
package memprobe

import (
	"context"
	"errors"
	"runtime"
	"sync/atomic"
	"testing/synctest"
)

// LiveHeap returns the bytes of the heap objects still reachable. It runs a
// full collection first, which completes the sweep, so that the number counts
// live objects only.
func LiveHeap() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// Batch is what became of a batch of cancelled waits.
type Batch struct {
	Waits     int // goroutines started, each making one wait
	Early     int // waits that returned before their ctx was cancelled
	Cancelled int // waits that returned an error wrapping context.Canceled
	Blocked   int // waits still blocked after every ctx was cancelled
}

// OK reports whether every wait blocked until its ctx was cancelled, then
// returned context.Canceled.
func (b Batch) OK() bool { return b.Early == 0 && b.Blocked == 0 && b.Cancelled == b.Waits }

// CancelBatch starts n goroutines, each blocked in wait with a ctx of its
// own, cancels all the ctxs once they are blocked, and counts what became of
// the waits. It must run in a synctest bubble, which makes "blocked" exact.
// When some waits are still blocked at the end, the caller must release them
// (a Set, a Put) and call synctest.Wait, so that the bubble can end.
func CancelBatch(n int, wait func(ctx context.Context) error) Batch {
	var returned, cancelled atomic.Int64
	cancels := make([]context.CancelFunc, n)
	for i := range cancels {
		ctx, cancel := context.WithCancel(context.Background())
		cancels[i] = cancel
		go func() {
			if err := wait(ctx); errors.Is(err, context.Canceled) {
				cancelled.Add(1)
			}
			returned.Add(1)
		}()
	}
	synctest.Wait()
	early := returned.Load()
	for _, cancel := range cancels {
		cancel()
	}
	synctest.Wait()
	return Batch{Waits: n, Early: int(early), Cancelled: int(cancelled.Load()), Blocked: n - int(returned.Load())}
}
