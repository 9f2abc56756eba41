package semaphoretest

import (
	"context"
	"fmt"

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
