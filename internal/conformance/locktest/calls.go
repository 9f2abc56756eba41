package locktest

import (
	"runtime"
	"slices"
	"testing"
	"testing/synctest"

	"github.com/conckata/conckata/internal/bubble"
)

// startLock starts Lock with a cancellable ctx and returns once the goroutine
// is blocked in it or has returned. It must run in a bubble.
func startLock(m Mutex) *bubble.Call {
	return bubble.Start("Lock", m.Lock)
}

// finish makes every call return so that the bubble can end, even on a
// broken mutex: it cancels them all, then unlocks once for each call that
// still waits (one that ignores its ctx is handed the lock instead).
func finish(m Mutex, calls ...*bubble.Call) {
	for _, c := range calls {
		c.Cancel()
	}
	synctest.Wait()
	for range calls {
		if !slices.ContainsFunc(calls, (*bubble.Call).Waiting) {
			return
		}
		bubble.Panics(m.Unlock)
		synctest.Wait()
	}
}

// onOneP runs the rest of the test with GOMAXPROCS 1. A goroutine that a
// cancellation makes ready then runs only once the test goroutine blocks, so
// an Unlock right after the cancel finds the waiter still queued, as it has
// not run since. Each property runs alone in its own process, so nothing
// else is slowed.
func onOneP(t *testing.T) {
	prev := runtime.GOMAXPROCS(1)
	t.Cleanup(func() { runtime.GOMAXPROCS(prev) })
}
