// Package locktest is the conformance suite of the lock kata: the properties
// of docs/katas/lock.md, run against any implementation of its API (the
// learner's kata, the reference, the peers and the mutants).
//
// Properties that depend on ordering run inside testing/synctest bubbles, so
// they are exact and instant; the storms run real goroutines and, like any
// concurrency test, may miss a bug on a given run: run them under -race.
package locktest

import (
	"context"
	"testing"

	"github.com/conckata/conckata/internal/harness"
)

// Mutex is the API under test.
type Mutex interface {
	Lock(ctx context.Context) error
	TryLock() bool
	Unlock()
	Locked() bool
}

// Impl is an implementation of the lock kata.
type Impl struct {
	// New returns an unlocked mutex. For the kata and the reference it is
	// new(Mutex), so the properties check that the zero value is ready.
	New func() Mutex
}

// Suite holds the properties, in the order the doc page explains them.
var Suite = &harness.Suite[Impl]{
	Kata: "lock",
	Properties: []harness.Property[Impl]{
		{Name: "zero-value-ready", Expect: "a new Mutex is unlocked and ready: TryLock, Lock and Unlock work on it without setup", Check: zeroValueReady},
		{Name: "mutual-exclusion", Expect: "at most one goroutine holds the lock at any moment, however many compete, and each holder sees the writes of the one before", Check: mutualExclusion},
		{Name: "fifo-hand-off", Expect: "waiters are handed the lock in the order they started waiting", Check: fifoHandOff},
		{Name: "no-barging", Expect: "Unlock hands the lock straight to the waiter at the head, so a TryLock right after it fails", Check: noBarging},
		{Name: "cancel-leaves-lock-unchanged", Expect: "a Lock whose ctx is cancelled or expires while it waits returns ctx.Err() and leaves the lock as it was", Check: cancelLeavesLockUnchanged},
		{Name: "cancel-before-unlock-fails", Expect: "a Lock whose ctx is cancelled before the Unlock that would hand it the lock returns ctx.Err(), even if it has not run since, and the lock goes to the next waiter, or becomes free (CPython test_cancel_race)", Check: cancelBeforeUnlockFails},
		{Name: "cancelled-hand-off-passes-on", Expect: "a waiter cancelled before the Unlock passes the lock on; one cancelled after it either keeps the lock (Lock returns nil) or passes it on: the lock is never left held by no one (CPython bpo-27585)", Check: cancelledHandOffPassesOn},
		{Name: "cancel-second-release-first", Expect: "cancelling the first of three waiters and then unlocking hands the lock to exactly one goroutine, the next in line (CPython bpo-32734)", Check: cancelSecondReleaseFirst},
		{Name: "storm-ends-unlocked", Expect: "after any storm of Locks that succeed, time out or are cancelled, with TryLocks mixed in, the lock is free once every holder has unlocked, and still works", Check: stormEndsUnlocked},
		{Name: "done-ctx-fails-at-entry", Expect: "Lock with a ctx that is already done returns ctx.Err() at once, even when the lock is free, and does not take it", Check: doneCtxFailsAtEntry},
		{Name: "unlock-of-unlocked-panics", Expect: `Unlock of an unlocked Mutex panics with "lock: unlock of unlocked mutex" and leaves the Mutex usable`, Check: unlockOfUnlockedPanics},
		{Name: "matches-model", Expect: "any sequence of TryLock, Lock, Unlock and cancellations, one at a time, behaves as the sequential model of a FIFO hand-off lock", Check: matchesModel},
		{Name: "linearizable", Expect: "histories of TryLock, Lock (some cancelled, some timing out), Unlock and Locked made by concurrent goroutines are linearizable against the sequential model of a FIFO hand-off lock", Check: linearizable},
	},
}

// Run checks every property of the lock kata against impl.
func Run(t *testing.T, impl Impl) {
	t.Helper()
	Suite.Run(t, impl)
}
