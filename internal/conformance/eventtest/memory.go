package eventtest

import (
	"testing"
	"testing/synctest"

	"github.com/conckata/conckata/internal/memprobe"
)

// The memory property cancels cancelledWaits Waits, in batches of waitBatch
// blocked at once. A million, as in the kata's claim, takes over ten seconds
// under the race detector; this many takes one to three, and still tells an
// Event that keeps each cancelled waiter (a channel of 96 bytes at least:
// over 10 MB here) from one that keeps nothing. See docs/katas/event.md.
const (
	cancelledWaits = 100_000
	waitBatch      = 1_000
	// maxGrowthPerWait bounds the live heap's growth, per cancelled Wait.
	// Keeping a waiter costs at least a pointer and the channel or struct it
	// points to, over 100 bytes; the noise of the measurement stays under 2
	// bytes per Wait, and so does a clean-up that runs now and then.
	maxGrowthPerWait = 16
)

func cancelledWaitsLeaveNothing(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		e := impl.New()
		cancelBatch(t, e) // so that goroutine and channel caches are warm before measuring
		before := memprobe.LiveHeap()
		for range cancelledWaits / waitBatch {
			cancelBatch(t, e)
		}
		grown := int64(memprobe.LiveHeap()) - int64(before)
		t.Logf("%d cancelled Waits: live heap grew by %d bytes", cancelledWaits, grown)
		if grown > cancelledWaits*maxGrowthPerWait {
			t.Errorf("%d Waits cancelled on an Event that was never set left the live heap %d bytes larger (%d bytes per Wait), want under %d per Wait: the Event keeps its cancelled waiters (CPython test_wait_cancel checks that ev._waiters is empty)",
				cancelledWaits, grown, grown/cancelledWaits, maxGrowthPerWait)
		}
		w := startWait(e) // e stays alive, and must still work
		defer release(e, w)
		e.Set()
		synctest.Wait()
		if !w.Succeeded() {
			t.Errorf("after %d cancelled Waits, a new Wait was not released by Set() (returned %v, err %v)", cancelledWaits, w.Returned(), w.Err())
		}
	})
}

// cancelBatch blocks waitBatch goroutines in e.Wait, cancels them all and
// checks that each returned context.Canceled. It must run in a bubble.
func cancelBatch(t *testing.T, e Event) {
	t.Helper()
	b := memprobe.CancelBatch(waitBatch, e.Wait)
	if b.Blocked > 0 {
		e.Set() // release them, so that the bubble can end
		synctest.Wait()
		t.Fatalf("%d of %d Waits were still blocked after their ctx was cancelled, want all to return context.Canceled (ctx ignored)", b.Blocked, waitBatch)
	}
	if !b.OK() {
		t.Fatalf("of %d Waits on an Event never set, %d returned before their ctx was cancelled and %d returned context.Canceled, want 0 and %d", waitBatch, b.Early, b.Cancelled, waitBatch)
	}
}
