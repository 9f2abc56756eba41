package eventtest

// The calls of an Event one at a time, in synctest bubbles: what Set, Clear,
// IsSet and Wait do, and the helpers that start and end Waits.

import (
	"context"
	"testing"
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

func zeroValueIsUnset(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		e := impl.New()
		if e.IsSet() {
			t.Fatalf("IsSet() on a new Event = true, want false (the zero value is not set)")
		}
		w := startWait(e)
		defer release(e, w)
		if w.Returned() {
			t.Fatalf("Wait on a new Event returned %v at once, want it to block until Set", w.Err())
		}
		e.Set()
		synctest.Wait()
		if !w.Succeeded() {
			t.Errorf("the Wait started before Set() was not released by it (returned %v, err %v)", w.Returned(), w.Err())
		}
		if !e.IsSet() {
			t.Errorf("IsSet() after Set() = false, want true")
		}
		if err := e.Wait(context.Background()); err != nil {
			t.Errorf("Wait after Set() returned %v, want nil", err)
		}
		e.Clear()
		if e.IsSet() {
			t.Errorf("IsSet() after Set(), Clear() = true, want false")
		}
	})
}

func setReleasesEveryWaiter(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		e := impl.New()
		var ws []*bubble.Call
		for range 5 {
			ws = append(ws, startWait(e))
		}
		defer release(e, ws...)
		e.Set()
		synctest.Wait()
		var stuck []int
		for i, w := range ws {
			if !w.Succeeded() {
				stuck = append(stuck, i)
			}
		}
		if len(stuck) > 0 {
			t.Errorf("after one Set(), waiters %v of 0..4 were still blocked or failed, want all 5 released with nil (Set wakes everyone: a close or a Broadcast, not a send or a Signal)", stuck)
		}
	})
}

func setThenClearReleasesWaiters(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		e := impl.New()
		// The waiters usually run only after Clear: repeat so that a woken
		// waiter that looks at the flag again almost surely finds it false.
		for round := range 16 {
			ws := []*bubble.Call{startWait(e), startWait(e), startWait(e)}
			e.Set()
			e.Clear()
			if e.IsSet() {
				release(e, ws...)
				t.Fatalf("round %d: IsSet() after Set(), Clear() = true, want false", round)
			}
			synctest.Wait()
			for i, w := range ws {
				if returned, err := w.Returned(), w.Err(); !returned || err != nil {
					release(e, ws...)
					t.Fatalf("round %d: waiter %d of 3, blocked in Wait when Set() was called, was not released when Clear() followed at once (returned %v, err %v), want nil: the Set released it, whatever the flag says when it runs (CPython test_clear_with_waiters)", round, i, returned, err)
				}
			}
		}
		// The end of test_clear_with_waiters: further Sets release nothing twice.
		e.Set()
		e.Set()
		if !e.IsSet() {
			t.Errorf("IsSet() after Set(), Set() = false, want true")
		}
	})
}

func clearMakesWaitBlock(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		e := impl.New()
		e.Set()
		if w := startWait(e); !w.Succeeded() {
			release(e, w)
			t.Fatalf("Wait on a set Event did not return nil at once (returned %v, err %v)", w.Returned(), w.Err())
		}
		e.Clear()
		if e.IsSet() {
			t.Errorf("IsSet() after Set(), Clear() = true, want false")
		}
		w := startWait(e)
		defer release(e, w)
		if w.Returned() {
			t.Fatalf("Wait after Set(), Clear() returned %v at once, want it to block until the next Set", w.Err())
		}
		e.Set()
		synctest.Wait()
		if !w.Succeeded() {
			t.Errorf("the Wait that started after Clear() was not released by the next Set() (returned %v, err %v)", w.Returned(), w.Err())
		}
	})
}

func setAndClearAreIdempotent(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		e := impl.New()
		e.Clear() // on an Event never set
		first := startWait(e)
		defer release(e, first)
		e.Set()
		e.Set()
		synctest.Wait()
		if !e.IsSet() || !first.Succeeded() {
			t.Fatalf("after Set(), Set(): IsSet() = %v and the waiter returned=%v err=%v, want true and released with nil", e.IsSet(), first.Returned(), first.Err())
		}
		e.Clear()
		e.Clear()
		if e.IsSet() {
			t.Fatalf("IsSet() after Clear(), Clear() = true, want false")
		}
		second := startWait(e)
		defer release(e, second)
		e.Clear()
		synctest.Wait()
		if second.Returned() {
			t.Fatalf("a Wait on an unset Event returned %v when Clear() was called again, want it to keep waiting", second.Err())
		}
		e.Set()
		synctest.Wait()
		if !second.Succeeded() {
			t.Errorf("a Wait that saw a second Clear() was not released by the next Set() (returned %v, err %v): the Clear lost it", second.Returned(), second.Err())
		}
	})
}
