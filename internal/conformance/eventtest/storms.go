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

	"github.com/conckata/conckata/internal/storm"
)

// stormThenSetReleasesAll storms the Event with Sets, Clears and expiring
// Waits, then checks that one Set releases everyone waiting.
func stormThenSetReleasesAll(t *testing.T, impl Impl) {
	e := impl.New()
	released, expired := stormWaits(t, e)
	t.Logf("storm: %d Waits released, %d expired", released, expired)
	setReleasesAllAfterStorm(t, e)
}

// stormWaits makes four goroutines call Wait with deadlines of microseconds, 300
// times each, while two others call Set or Clear at random, 600 times each,
// and returns how many Waits were released and how many expired. Every Wait's
// ctx only expires, so any other error fails t, as does a storm that does not
// end within storm.Timeout: a Wait outlived its ctx.
func stormWaits(t *testing.T, e Event) (released, expired int64) {
	var wg sync.WaitGroup
	var nReleased, nExpired atomic.Int64
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
					nReleased.Add(1)
				case errors.Is(err, context.DeadlineExceeded):
					nExpired.Add(1)
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
	if !storm.Wait(&wg) {
		e.Set() // release them, so that the property can end
		t.Fatalf("the storm did not end within %v: a Wait outlived its ctx (ctx ignored)", storm.Timeout)
	}
	return nReleased.Load(), nExpired.Load()
}

// setReleasesAllAfterStorm checks that one Set, after the storm, releases
// everyone waiting, and publishes what was written before it: the race
// detector reports a Wait that returns without synchronising with the Set.
func setReleasesAllAfterStorm(t *testing.T, e Event) {
	e.Clear()
	var message string
	var failed atomic.Int64
	ctx, cancel := storm.Context(t)
	defer cancel()
	var wg sync.WaitGroup
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
		t.Errorf("%d of 8 Waits were not released by Set() within %v after the storm, want all released", n, storm.Timeout)
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
	if !storm.Wait(&wg) {
		t.Fatalf("%d Sets and Clears, and %d IsSets from each of %d goroutines, did not end within %v", calls, calls, readers, storm.Timeout)
	}
	if e.IsSet() {
		t.Errorf("IsSet() = true after a goroutine's last call was Clear(), want false (IsSet returned true %d times during the run)", sets.Load())
	}
}
