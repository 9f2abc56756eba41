package counter

import (
	"sync"
	"testing"
	"unsafe"
)

// The stack keys of goroutines running at once are all different, so that
// stackHash tells them apart. With 8 KiB blocks instead of 2 KiB, goroutines
// with small stacks shared keys, and two of them adding at once could be
// routed to one shard for good.
func TestStackKeysOfLiveGoroutinesDiffer(t *testing.T) {
	const goroutines = 512
	keys := make([]uint64, goroutines)
	// Each goroutine waits at two barriers. It takes its key between them:
	// the calls after the key are the same as those before it, so its stack
	// has already grown as far as it will and does not move (a stack that
	// moved after its key was taken frees its block for another goroutine).
	var arrived1, arrived2, release1, release2, done sync.WaitGroup
	arrived1.Add(goroutines)
	arrived2.Add(goroutines)
	release1.Add(1)
	release2.Add(1)
	for i := range goroutines {
		done.Go(func() {
			arrived1.Done()
			release1.Wait()
			var local byte
			keys[i] = stackKey(unsafe.Pointer(&local))
			arrived2.Done()
			release2.Wait()
		})
	}
	arrived1.Wait()
	release1.Done()
	arrived2.Wait()
	defer done.Wait()
	defer release2.Done()
	seen := make(map[uint64]int, goroutines)
	for i, k := range keys {
		if j, ok := seen[k]; ok {
			t.Fatalf("goroutines %d and %d, alive at once, have the same stack key %#x", j, i, k)
		}
		seen[k] = i
	}
}
