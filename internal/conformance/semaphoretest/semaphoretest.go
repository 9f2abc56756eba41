// Package semaphoretest is the conformance suite of the semaphore kata: the
// properties of docs/katas/semaphore.md, run against any implementation of its
// API (the learner's kata, the reference, the peers and the mutants).
//
// Properties that depend on ordering run inside testing/synctest bubbles, so
// they are exact and instant; the storms run real goroutines and, like any
// concurrency test, may miss a bug on a given run: run them under -race.
package semaphoretest

import (
	"context"
	"testing"

	"github.com/conckata/conckata/internal/harness"
)

// Semaphore is the API under test.
type Semaphore interface {
	Acquire(ctx context.Context) error
	AcquireN(ctx context.Context, n int) error
	TryAcquire() bool
	TryAcquireN(n int) bool
	Release()
	ReleaseN(n int)
	Available() int
}

// Impl is an implementation of the semaphore kata.
type Impl struct {
	New         func(n int) Semaphore // a semaphore of n permits; panics if n < 0
	ErrTooLarge error                 // returned at once by AcquireN(ctx, n) with n > size
}

// Suite holds the properties, in the order the doc page explains them.
var Suite = &harness.Suite[Impl]{
	Kata: "semaphore",
	Properties: []harness.Property[Impl]{
		{Name: "never-more-than-n", Expect: "at most n permits are held at any moment, however many goroutines compete", Check: neverMoreThanN},
		{Name: "fifo-grant-order", Expect: "waiters are granted permits in the order they started waiting", Check: fifoGrantOrder},
		{Name: "no-barging", Expect: "a released permit goes to the waiter at the head, not to a TryAcquire that arrives later", Check: noBarging},
		{Name: "large-head-blocks-smaller", Expect: "a large request at the head of the queue blocks smaller ones behind it and is granted as soon as enough permits are free", Check: largeHeadBlocksSmaller},
		{Name: "cancel-leaves-count-unchanged", Expect: "a waiter whose ctx is cancelled or expires returns ctx.Err() and leaves the permit count unchanged", Check: cancelLeavesCountUnchanged},
		{Name: "cancelled-head-wakes-next", Expect: "when the waiter at the head gives up, the waiters behind it are re-examined and granted if permits are free", Check: cancelledHeadWakesNext},
		{Name: "cancel-before-release-fails", Expect: "a waiter whose ctx is cancelled before the Release that would serve it returns ctx.Err(), even if it has not run since, and the permits go to the next waiter still waiting (go.dev/issue/63615, CPython test_acquire_cancel_before_awoken)", Check: cancelBeforeReleaseFails},
		{Name: "grant-cancel-race-keeps-permits", Expect: "when a waiter is cancelled after the Release that serves it, or at the same moment, it either holds the permit or gets ctx.Err() with the permit back in the semaphore: the permit is never lost", Check: grantCancelRaceKeepsPermits},
		{Name: "storm-restores-count", Expect: "after any storm of cancelled and successful acquires, once everyone has released, Available() == n", Check: stormRestoresCount},
		{Name: "over-release-panics", Expect: `releasing more permits than are held panics with "semaphore: released more than held"`, Check: overReleasePanics},
		{Name: "done-ctx-fails-at-entry", Expect: "Acquire with a ctx that is already done returns ctx.Err() even when permits are free, and takes none", Check: doneCtxFailsAtEntry},
		{Name: "too-large-fails-at-once", Expect: "AcquireN with n larger than the semaphore returns ErrTooLarge at once", Check: tooLargeFailsAtOnce},
		{Name: "zero-and-negative-counts", Expect: "AcquireN(ctx, 0) returns at once, and a negative count panics", Check: zeroAndNegativeCounts},
		{Name: "matches-model", Expect: "any sequence of TryAcquireN, AcquireN, ReleaseN and cancellations, one at a time, behaves as the sequential model of a FIFO semaphore", Check: matchesModel},
		{Name: "linearizable", Expect: "histories of TryAcquireN, AcquireN (some cancelled, some timing out) and ReleaseN made by concurrent goroutines are linearizable against the sequential model of a FIFO semaphore", Check: linearizable},
	},
}

// Run checks every property of the semaphore kata against impl.
func Run(t *testing.T, impl Impl) {
	t.Helper()
	Suite.Run(t, impl)
}
