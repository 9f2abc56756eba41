package eventtest

import (
	"context"
	"errors"
	"math/rand/v2"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// stormTimeout bounds every wait in a storm, so that an Event that loses
// wake-ups or ignores ctx fails the property instead of hanging it.
const stormTimeout = 5 * time.Second

func stormThenSetReleasesAll(t *testing.T, impl Impl) {
	e := impl.New()
	var wg sync.WaitGroup
	var released, expired atomic.Int64
	for g := range 4 {
		wg.Go(func() {
			r := rand.New(rand.NewPCG(uint64(g), 1))
			for range 300 {
				// Deadlines of microseconds make expiries collide with Sets.
				ctx, cancel := context.WithTimeout(context.Background(), time.Duration(r.IntN(50))*time.Microsecond)
				err := e.Wait(ctx)
				cancel()
				switch {
				case err == nil:
					released.Add(1)
				case errors.Is(err, context.DeadlineExceeded):
					expired.Add(1)
				default:
					t.Errorf("Wait with a ctx that only expires returned %v, want nil or context.DeadlineExceeded", err)
					return
				}
			}
		})
	}
	for g := range 2 {
		wg.Go(func() {
			r := rand.New(rand.NewPCG(uint64(g), 2))
			for range 600 {
				if r.IntN(2) == 0 {
					e.Set()
				} else {
					e.Clear()
				}
			}
		})
	}
	if !waitFor(&wg) {
		e.Set() // release them, so that the property can end
		t.Fatalf("the storm did not end within %v: a Wait outlived its ctx (ctx ignored)", stormTimeout)
	}
	t.Logf("storm: %d Waits released, %d expired", released.Load(), expired.Load())

	// One Set must now release everyone waiting, and publish what was
	// written before it: the race detector reports a Wait that returns
	// without synchronising with the Set.
	e.Clear()
	var message string
	var failed atomic.Int64
	ctx, cancel := context.WithTimeout(context.Background(), stormTimeout)
	defer cancel()
	for range 8 {
		wg.Go(func() {
			if err := e.Wait(ctx); err != nil {
				failed.Add(1)
			} else if message != "set" {
				t.Errorf("Wait returned nil but the write made before Set() is not visible (read %q, want %q)", message, "set")
			}
		})
	}
	message = "set"
	e.Set()
	wg.Wait()
	if n := failed.Load(); n > 0 {
		t.Errorf("%d of 8 Waits were not released by Set() within %v after the storm, want all released", n, stormTimeout)
	}
}

// waitFor waits for wg for at most stormTimeout and reports whether it ended.
func waitFor(wg *sync.WaitGroup) bool {
	done := make(chan struct{})
	go func() {
		wg.Wait()
		close(done)
	}()
	select {
	case <-done:
		return true
	case <-time.After(stormTimeout):
		return false
	}
}

// issetIsRaceFree calls IsSet from two goroutines while a third calls Set and
// Clear. Nothing orders their calls but the Event itself, so the race
// detector reports an IsSet that reads the flag without synchronisation,
// whether or not the calls happen to overlap in time.
func issetIsRaceFree(t *testing.T, impl Impl) {
	const calls, readers = 1000, 2
	e := impl.New()
	var wg sync.WaitGroup
	var arrived atomic.Int32
	start := func() { // together, so that the calls also overlap in time
		arrived.Add(1)
		for arrived.Load() < readers+1 {
			runtime.Gosched()
		}
	}
	var sets atomic.Int64
	wg.Go(func() {
		start()
		for range calls {
			e.Set()
			e.Clear()
		}
	})
	for range readers {
		wg.Go(func() {
			start()
			for range calls {
				if e.IsSet() {
					sets.Add(1)
				}
			}
		})
	}
	if !waitFor(&wg) {
		t.Fatalf("%d Sets and Clears, and %d IsSets from each of %d goroutines, did not end within %v", calls, calls, readers, stormTimeout)
	}
	if e.IsSet() {
		t.Errorf("IsSet() = true after a goroutine's last call was Clear(), want false (IsSet returned true %d times during the run)", sets.Load())
	}
}
