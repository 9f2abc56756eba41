package locktest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"testing/synctest"
	"time"

	"github.com/conckata/conckata/internal/bubble"
)

func zeroValueReady(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		m := impl.New()
		if m.Locked() {
			t.Fatalf("Locked() on a new Mutex = true, want false (the zero value is unlocked)")
		}
		if !m.TryLock() {
			t.Fatalf("TryLock() on a new Mutex = false, want true")
		}
		if !m.Locked() {
			t.Errorf("Locked() after a successful TryLock() = false, want true")
		}
		if m.TryLock() {
			t.Fatalf("TryLock() on a Mutex held by an earlier TryLock() = true, want false")
		}
		m.Unlock()
		if m.Locked() {
			t.Errorf("Locked() after TryLock() then Unlock() = true, want false")
		}
		c := startLock(m)
		defer finish(m, c)
		if !c.Succeeded() {
			t.Fatalf("Lock(ctx) on an unlocked Mutex: %s, want nil at once", c.Result())
		}
		m.Unlock()
		if m.Locked() {
			t.Errorf("Locked() after Lock(ctx) then Unlock() = true, want false")
		}
	})
}

func fifoHandOff(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		m := impl.New()
		if !m.TryLock() {
			t.Fatal("TryLock() on a new Mutex = false, want true")
		}
		var calls []*bubble.Call
		for range 4 {
			calls = append(calls, startLock(m)) // each waits behind the last
		}
		defer finish(m, calls...)
		var order []int
		for range calls {
			m.Unlock()
			synctest.Wait()
			for i, c := range calls {
				if c.Succeeded() && !slices.Contains(order, i) {
					order = append(order, i)
				}
			}
		}
		if want := []int{0, 1, 2, 3}; !slices.Equal(order, want) {
			t.Errorf("four Locks queued in order 0..3 were handed the lock in order %v by four Unlocks, want %v", order, want)
		}
		m.Unlock()
	})
}

func noBarging(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		m := impl.New()
		m.TryLock()
		c := startLock(m)
		defer finish(m, c)
		// Unlock, Locked and TryLock back to back: the waiter has not run
		// yet, but the lock is already its own.
		m.Unlock()
		locked := m.Locked()
		if m.TryLock() {
			t.Fatalf("TryLock() right after Unlock() = true while a Lock waited, want false: Unlock hands the lock to the waiter, and no one may take it past the waiter (barging)")
		}
		if !locked {
			t.Errorf("Locked() right after Unlock() = false while a Lock waited, want true: the lock passes straight to the waiter")
		}
		synctest.Wait()
		if !c.Succeeded() {
			t.Fatalf("the waiting Lock was not handed the lock by Unlock: %s, want nil", c.Result())
		}
		m.Unlock()
	})
}

func doneCtxFailsAtEntry(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		m := impl.New()
		cancelled, cancel := context.WithCancel(context.Background())
		cancel()
		expired, cancel := context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
		defer cancel()
		for range 16 { // a select on a free lock and a done ctx picks at random
			if err := m.Lock(cancelled); !errors.Is(err, context.Canceled) {
				t.Fatalf("Lock with a ctx cancelled before the call, on a free Mutex, returned %v, want context.Canceled", err)
			}
			if err := m.Lock(expired); !errors.Is(err, context.DeadlineExceeded) {
				t.Fatalf("Lock with a ctx whose deadline had passed, on a free Mutex, returned %v, want context.DeadlineExceeded", err)
			}
		}
		if m.Locked() {
			t.Fatalf("Locked() = true after Lock failed with a done ctx on a free Mutex, want false: a failed Lock must not take the lock")
		}
		m.TryLock()
		done := make(chan error, 1)
		go func() { done <- m.Lock(cancelled) }()
		synctest.Wait()
		select {
		case err := <-done:
			if !errors.Is(err, context.Canceled) {
				t.Errorf("Lock with a cancelled ctx, on a held Mutex, returned %v, want context.Canceled", err)
			}
		default:
			m.Unlock()
			synctest.Wait()
			t.Errorf("Lock with a cancelled ctx, on a held Mutex, waited instead of returning context.Canceled at once (then returned %v when the lock was released)", <-done)
		}
	})
}

func unlockOfUnlockedPanics(t *testing.T, impl Impl) {
	const want = "lock: unlock of unlocked mutex"
	synctest.Test(t, func(t *testing.T) {
		m := impl.New()
		for _, c := range []struct {
			name string
			f    func()
		}{
			{"Unlock() on a new Mutex", m.Unlock},
			{"Unlock() twice after TryLock()", func() { m.TryLock(); m.Unlock(); m.Unlock() }},
			{"Unlock() twice after Lock(ctx)", func() {
				if err := m.Lock(context.Background()); err != nil {
					t.Fatalf("Lock(ctx) on a free Mutex returned %v, want nil", err)
				}
				m.Unlock()
				m.Unlock()
			}},
		} {
			v := bubble.Panics(c.f)
			if v == nil {
				t.Fatalf("%s: did not panic, want a panic %q (a double unlock is a caller bug)", c.name, want)
			}
			if msg := fmt.Sprint(v); msg != want {
				t.Errorf("%s: panicked with %q, want %q", c.name, msg, want)
			}
			if m.Locked() || !m.TryLock() {
				t.Fatalf("%s: after the panic the Mutex is not free (Locked() = %v), want it as it was: unlocked", c.name, m.Locked())
			}
			m.Unlock()
		}
	})
}
