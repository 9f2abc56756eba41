package locktest

import (
	"context"
	"errors"
	"testing"
	"testing/synctest"
	"time"

	"github.com/conckata/conckata/internal/bubble"
)

func cancelLeavesLockUnchanged(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		m := impl.New()
		m.TryLock()
		first, second := startLock(m), startLock(m)
		defer finish(m, first, second)
		first.Cancel()
		synctest.Wait()
		if !first.Returned() {
			t.Fatalf("a waiting Lock did not return after its ctx was cancelled, want context.Canceled at once")
		}
		if !errors.Is(first.Err(), context.Canceled) {
			t.Errorf("a waiting Lock whose ctx was cancelled returned %v, want context.Canceled", first.Err())
		}
		if second.Returned() {
			t.Fatalf("cancelling one waiter let the Lock behind it return (%s) while the lock was still held, want it to wait", second.Result())
		}
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		if err := m.Lock(ctx); !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("Lock on a held Mutex with a 1s timeout returned %v, want context.DeadlineExceeded after 1s", err)
		}
		if !m.Locked() {
			t.Fatalf("Locked() = false after two Locks gave up waiting, want true: the holder still holds it")
		}
		m.Unlock()
		synctest.Wait()
		if !second.Succeeded() {
			t.Fatalf("Unlock after two waiters gave up did not hand the lock to the one still waiting: %s, want nil", second.Result())
		}
		m.Unlock()
		if m.Locked() || !m.TryLock() {
			t.Fatalf("the Mutex is not free after every holder unlocked (Locked() = %v), want it free: a Lock that gave up must not keep the lock", m.Locked())
		}
		m.Unlock()
	})
}

// cancelBeforeUnlockFails cancels waiters and then, before they have run,
// unlocks. On one P the cancelled waiters cannot run until the test goroutine
// waits, so they are still queued when Unlock looks at them.
func cancelBeforeUnlockFails(t *testing.T, impl Impl) {
	onOneP(t)
	synctest.Test(t, func(t *testing.T) {
		// CPython test_cancel_race: A holds, B and C wait; B is cancelled,
		// then A unlocks.
		m := impl.New()
		m.TryLock()
		b, c := startLock(m), startLock(m)
		defer finish(m, b, c)
		b.Cancel()
		m.Unlock()
		synctest.Wait()
		if !errors.Is(b.Err(), context.Canceled) || !c.Succeeded() {
			t.Fatalf("A held the lock, B and C waited; B was cancelled, then A unlocked: B: %s, C: %s; want B context.Canceled (its ctx was done before the Unlock) and C holding the lock (CPython test_cancel_race)", b.Result(), c.Result())
		}
		m.Unlock()

		// The only waiter cancelled, then Unlock: the lock is free.
		m.TryLock()
		w := startLock(m)
		defer finish(m, w)
		w.Cancel()
		m.Unlock()
		synctest.Wait()
		if !errors.Is(w.Err(), context.Canceled) {
			t.Fatalf("a Lock waited on a held Mutex; it was cancelled, then the holder unlocked: %s, want context.Canceled", w.Result())
		}
		if m.Locked() || !m.TryLock() {
			t.Fatalf("the only waiter was cancelled, then the holder unlocked, and the waiter returned: Locked() = %v and TryLock() failed, want the lock free: no one is left to hand it to", m.Locked())
		}
		m.Unlock()
	})
}

// handOffRounds repeats a race between cancellation and hand-off.
const handOffRounds = 64

// cancelledHandOffPassesOn cancels a waiter and unlocks, in both orders. A
// cancellation first decides: the waiter fails, and the lock goes on. An
// Unlock first hands the lock over while the waiter's call is still in
// progress, so either outcome is allowed, and each implementation resolves it
// its own way: the property checks that the lock went to exactly one place.
func cancelledHandOffPassesOn(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		m := impl.New()
		for round := range handOffRounds {
			cancelFirst, withSecond := round%2 == 0, round%4 < 2
			handOffRace(t, m, round, cancelFirst, withSecond)
			if t.Failed() {
				return
			}
		}
	})
}

// handOffRace holds m, queues one waiter (two if withSecond), then cancels the
// first waiter and unlocks, in the order given, and checks that the lock went
// to exactly one place.
func handOffRace(t *testing.T, m Mutex, round int, cancelFirst, withSecond bool) {
	if !m.TryLock() {
		t.Fatalf("round %d: TryLock() = false on a Mutex that no one holds or waits for, want true (did an earlier round leave it held by no one?)", round)
	}
	first := startLock(m)
	calls := []*bubble.Call{first}
	var second *bubble.Call
	if withSecond {
		second = startLock(m)
		calls = append(calls, second)
	}
	defer finish(m, calls...)
	did := "Unlock() then cancel"
	if cancelFirst {
		did = "cancel then Unlock()"
		first.Cancel()
		m.Unlock()
	} else {
		m.Unlock()
		first.Cancel()
	}
	synctest.Wait()
	switch {
	case !first.Returned():
		t.Fatalf("round %d (%s): the cancelled waiter neither took the lock nor gave up: %s", round, did, first.Result())
	case first.Err() == nil && cancelFirst:
		t.Fatalf("round %d (%s): the waiter took the lock although its ctx was done before the Unlock, want context.Canceled and the lock passed on (CPython test_cancel_race)", round, did)
	case first.Err() == nil: // it kept the hand-off
		if second != nil && second.Returned() {
			t.Fatalf("round %d (%s): the first waiter kept the lock and the second also returned (%s): two holders", round, did, second.Result())
		}
		m.Unlock()
		if second != nil {
			synctest.Wait()
			if !second.Succeeded() {
				t.Fatalf("round %d (%s): the first waiter kept the lock, then unlocked, but the second waiter was not handed it: %s", round, did, second.Result())
			}
			m.Unlock()
		}
	case !errors.Is(first.Err(), context.Canceled):
		t.Fatalf("round %d (%s): the first waiter returned %v, want nil or context.Canceled", round, did, first.Err())
	case second != nil:
		if !second.Succeeded() {
			t.Fatalf("round %d (%s): the cancelled first waiter returned context.Canceled but the lock did not pass to the second waiter (%s, Locked() = %v): a lost wake-up (CPython bpo-27585)", round, did, second.Result(), m.Locked())
		}
		m.Unlock()
	}
	if m.Locked() {
		t.Fatalf("round %d (%s): the first waiter returned %v and every holder unlocked, but Locked() = true: the lock is held by no one (CPython bpo-27585)", round, did, first.Err())
	}
}

func cancelSecondReleaseFirst(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		m := impl.New()
		for round := range handOffRounds {
			// Let the cancelled waiter leave before the Unlock in half of
			// the rounds; in the others it may not have run yet.
			cancelReleaseRace(t, m, round, round%2 == 0)
			if t.Failed() {
				return
			}
		}
	})
}

// cancelReleaseRace is the CPython test_cancel_release_race: a holder and
// three waiters; cancel the first waiter (the second Lock), release the
// holder (the first), and count the holders. The cancellation comes first,
// so the second waiter must be the one holder.
func cancelReleaseRace(t *testing.T, m Mutex, round int, settle bool) {
	if !m.TryLock() {
		t.Fatalf("round %d: TryLock() = false on a Mutex that no one holds or waits for, want true", round)
	}
	ws := []*bubble.Call{startLock(m), startLock(m), startLock(m)}
	defer finish(m, ws...)
	did := "cancelled the first of three waiters and unlocked at once"
	ws[0].Cancel()
	if settle {
		did = "cancelled the first of three waiters, let it leave, then unlocked"
		synctest.Wait()
		for i, c := range ws[1:] {
			if c.Returned() {
				t.Fatalf("round %d: cancelling the first of three waiters let waiter %d return (%s) while the lock was still held: two holders (CPython bpo-32734)", round, i+1, c.Result())
			}
		}
	}
	m.Unlock()
	synctest.Wait()
	var holders []int
	for i, c := range ws {
		if c.Succeeded() {
			holders = append(holders, i)
		}
	}
	if len(holders) != 1 {
		t.Fatalf("round %d: %s: waiters %v hold the lock, want exactly one (CPython bpo-32734; 0 is the cancelled one): %s; %s; %s",
			round, did, holders, ws[0].Result(), ws[1].Result(), ws[2].Result())
	}
	if h := holders[0]; h != 1 {
		t.Fatalf("round %d: %s: waiter %d holds the lock, want waiter 1, next in line: waiter 0 was cancelled before the Unlock (CPython test_cancel_race)", round, did, h)
	}
	if !errors.Is(ws[0].Err(), context.Canceled) {
		t.Fatalf("round %d: %s: the cancelled waiter: %s, want context.Canceled", round, did, ws[0].Result())
	}
	for _, c := range ws {
		c.Cancel()
	}
	synctest.Wait()
	for i, c := range ws {
		if !c.Returned() {
			t.Fatalf("round %d: waiter %d, cancelled while the lock was held, still waits", round, i)
		}
	}
	m.Unlock()
	if m.Locked() {
		t.Fatalf("round %d: %s: Locked() = true after the holder unlocked and every other waiter gave up, want false", round, did)
	}
}
