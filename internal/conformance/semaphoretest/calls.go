package semaphoretest

import (
	"context"
	"fmt"
	"runtime"
	"testing"
	"testing/synctest"

	"github.com/conckata/conckata/internal/bubble"
)

// call is an AcquireN(ctx, n) running in a goroutine of its own inside a
// synctest bubble.
type call struct {
	*bubble.Call
	n int
}

// startAcquire starts AcquireN(ctx, n) with a cancellable ctx and returns once
// the goroutine is blocked in it or has returned. It must run in a bubble.
func startAcquire(s Semaphore, n int) *call {
	return &call{
		Call: bubble.Start(fmt.Sprintf("AcquireN(%d)", n), func(ctx context.Context) error { return s.AcquireN(ctx, n) }),
		n:    n,
	}
}

// abandon cancels every call that still waits, so that the bubble can end
// even after a failure. It must run in the bubble.
func abandon(calls ...*call) {
	for _, c := range calls {
		c.Cancel()
	}
	synctest.Wait()
}

// onOneP runs the rest of the test with GOMAXPROCS 1. A goroutine that a
// cancellation makes ready then runs only once the test goroutine blocks, so
// a Release right after the cancel finds the waiter still queued: exactly the
// case of go.dev/issue/63615, where the waiter has not run since. Each
// property runs alone in its own process, so nothing else is slowed.
func onOneP(t *testing.T) {
	prev := runtime.GOMAXPROCS(1)
	t.Cleanup(func() { runtime.GOMAXPROCS(prev) })
}
