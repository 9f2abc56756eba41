package memprobe

import (
	"context"
	"testing"
	"testing/synctest"

	"github.com/conckata/conckata/internal/harness"
)

func TestMain(m *testing.M) { harness.Main(m) }

var kept [][]byte

// Keeping 4 MiB grows the live heap by about that much: the bound leaves
// room for what other goroutines free meanwhile (the runtime's and the test
// framework's own garbage), which is far less than a MiB.
func TestLiveHeapSeesWhatIsKept(t *testing.T) {
	before := LiveHeap()
	kept = append(kept, make([]byte, 4<<20))
	if grown := int64(LiveHeap()) - int64(before); grown < 3<<20 {
		t.Fatalf("keeping 4 MiB grew the live heap by %d bytes, want at least 3 MiB", grown)
	}
	kept = nil
}

func TestCancelBatchCountsEachKindOfWait(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		good := CancelBatch(10, func(ctx context.Context) error { <-ctx.Done(); return ctx.Err() })
		if !good.OK() || good.Cancelled != 10 {
			t.Errorf("waits that return ctx.Err() once cancelled: %+v, want all 10 cancelled", good)
		}
		early := CancelBatch(10, func(ctx context.Context) error { return nil })
		if early.OK() || early.Early != 10 {
			t.Errorf("waits that return at once: %+v, want 10 early", early)
		}
		release := make(chan struct{})
		deaf := CancelBatch(10, func(ctx context.Context) error { <-release; return nil })
		close(release)
		synctest.Wait()
		if deaf.OK() || deaf.Blocked != 10 {
			t.Errorf("waits that ignore ctx: %+v, want 10 blocked", deaf)
		}
	})
}
