package queuetest

import (
	"context"
	"testing"
	"testing/synctest"

	"github.com/conckata/conckata/internal/memprobe"
)

// The memory property cancels cancelledWaits Gets on an empty queue and as
// many Puts on a full one, in batches of waitBatch blocked at once. A queue
// that keeps each cancelled waiter keeps at least a pointer and the channel
// or struct it points to, over 100 bytes: megabytes here, where the noise of
// the measurement stays under 2 bytes per wait. See docs/katas/queue.md.
const (
	cancelledWaits   = 10_000
	waitBatch        = 1_000
	maxGrowthPerWait = 16 // bytes of live heap per cancelled wait
)

func cancelledWaitersLeaveNothing(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		empty, full := impl.NewFIFO(1), impl.NewFIFO(1)
		fill(t, full, "NewFIFO(1)", 1)
		get := func(ctx context.Context) error { _, err := empty.Get(ctx); return err }
		put := func(ctx context.Context) error { return full.Put(ctx, 2) }
		cancelBatch(t, "Get on an empty queue", get) // so that goroutine and channel caches are warm
		cancelBatch(t, "Put on a full queue", put)
		before := memprobe.LiveHeap()
		for range cancelledWaits / waitBatch {
			cancelBatch(t, "Get on an empty queue", get)
			cancelBatch(t, "Put on a full queue", put)
		}
		grown := int64(memprobe.LiveHeap()) - int64(before)
		if n := int64(2 * cancelledWaits); grown > n*maxGrowthPerWait {
			t.Errorf("%d Gets on an empty queue and %d Puts on a full one, all cancelled, left the live heap %d bytes larger (%d bytes per wait), want under %d per wait: the queue keeps its cancelled waiters (CPython's Queue removes them from _getters and _putters)",
				cancelledWaits, cancelledWaits, grown, grown/n, maxGrowthPerWait)
		} else {
			t.Logf("%d cancelled Gets and %d cancelled Puts: live heap grew by %d bytes", cancelledWaits, cancelledWaits, grown)
		}
		// Both queues must still work.
		g := startGet(empty)
		defer finish(g)
		fill(t, empty, "the empty queue after the cancelled Gets", 3)
		synctest.Wait()
		if !g.got(3) {
			t.Errorf("after %d cancelled Gets, a new Get on the queue given item 3 %s, want 3", cancelledWaits, g.result())
		}
		if got, _ := drain(full, 10); len(got) != 1 || got[0] != 1 {
			t.Errorf("after %d cancelled Put(2)s on a full NewFIFO(1) holding 1, it gave %v, want [1]", cancelledWaits, got)
		}
	})
}

// cancelBatch blocks waitBatch goroutines in wait, cancels them all and checks
// that each returned context.Canceled. It must run in a bubble.
func cancelBatch(t *testing.T, what string, wait func(context.Context) error) {
	t.Helper()
	b := memprobe.CancelBatch(waitBatch, wait)
	if b.Blocked > 0 {
		t.Fatalf("%d of %d calls of %s were still blocked after their ctx was cancelled, want all to return context.Canceled (ctx ignored)", b.Blocked, waitBatch, what)
	}
	if !b.OK() {
		t.Fatalf("of %d calls of %s, %d returned before their ctx was cancelled and %d returned context.Canceled, want 0 and %d", waitBatch, what, b.Early, b.Cancelled, waitBatch)
	}
}
