package eventtest

import (
	"context"
	"testing/synctest"

	"github.com/conckata/conckata/internal/bubble"
)

// startWait starts Wait with a cancellable ctx and returns once the goroutine
// is blocked in it or has returned. It must run in a bubble.
func startWait(e Event) *bubble.Call { return bubble.Start("Wait", e.Wait) }

// startWaitDone starts Wait with a ctx cancelled before the call.
func startWaitDone(e Event) *bubble.Call {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	return bubble.StartWith(ctx, "Wait", e.Wait)
}

// release ends every wait of ws, so that a property that failed still ends
// its bubble cleanly and its own message is the one reported: it cancels
// them, sets e for an Event that ignores ctx, and waits for the goroutines.
func release(e Event, ws ...*bubble.Call) {
	for _, w := range ws {
		w.Cancel()
	}
	e.Set()
	synctest.Wait()
}
