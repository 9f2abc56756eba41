// Package pooltest is the conformance suite of the pool kata: the properties
// of docs/katas/pool.md, run against any implementation of its API (the
// learner's kata, the reference, the peers and the mutants).
//
// Properties that depend on ordering run inside testing/synctest bubbles,
// with Open functions that block until the property lets them go, so they
// are exact and instant; the storm and the linearizable property run real
// goroutines and, like any concurrency test, may miss a bug on a given run:
// run them under -race.
package pooltest

import (
	"context"
	"testing"

	"github.com/conckata/conckata/internal/harness"
)

// Config is the kata's Config[int]: resources are ints.
type Config struct {
	MinSize, MaxSize int
	Open             func(ctx context.Context) (int, error)
	Close            func(int) error
}

// Stats is the kata's Stats.
type Stats struct {
	Open, Idle, InUse, Waiting int
	Opened, Closed, Acquires   int64
}

// Pool is the API under test, at R = int.
type Pool interface {
	Acquire(ctx context.Context) (Lease, error)
	Close(ctx context.Context) error
	Stats() Stats
}

// Lease is a leased resource.
type Lease interface {
	Value() int
	Release()
	Destroy()
}

// Impl is an implementation of the pool kata.
type Impl struct {
	New       func(ctx context.Context, cfg Config) (Pool, error) // a pool with cfg.MinSize open
	ErrClosed error                                               // Acquire's error once Close has begun
}

// Suite holds the properties, in the order the doc page explains them.
var Suite = &harness.Suite[Impl]{
	Kata: "pool",
	Properties: []harness.Property[Impl]{
		{Name: "opens-min-size", Expect: "New opens MinSize resources before it returns, and Stats counts them idle", Check: opensMinSize},
		{Name: "failed-new-closes-what-it-opened", Expect: "when an Open in New fails, New returns its error and closes the resources it had opened", Check: failedNewClosesWhatItOpened},
		{Name: "invalid-config-panics", Expect: `New panics with a "pool: ..." message for MaxSize < 1, MinSize < 0, MinSize > MaxSize or a nil Open`, Check: invalidConfigPanics},
		{Name: "reuses-released", Expect: "a released resource is leased again without a new Open", Check: reusesReleased},
		{Name: "done-ctx-fails-at-entry", Expect: "Acquire with a ctx that is already done returns ctx.Err() even when a resource is idle, and leases nothing", Check: doneCtxFailsAtEntry},
		{Name: "release-twice-panics", Expect: `a second Release or Destroy of the same lease panics with a "pool: ..." message`, Check: releaseTwicePanics},
		{Name: "never-more-than-max", Expect: "no more than MaxSize resources are open or being opened at once, however many Acquire calls arrive together", Check: neverMoreThanMax},
		{Name: "waiters-served-fifo", Expect: "Acquire blocks while all MaxSize resources are leased, and released resources go to the waiters in the order they came, not to a later Acquire", Check: waitersServedFIFO},
		{Name: "cancelled-wait-leaves-no-trace", Expect: "an Acquire cancelled while waiting returns ctx.Err(), leaves the queue, and the next release goes to the next waiter or the idle set", Check: cancelledWaitLeavesNoTrace},
		{Name: "cancel-before-hand-off-wins", Expect: "an Acquire whose ctx is cancelled before the Release, Open or Close that would answer it returns ctx.Err(), even if it has not run since, and the resource goes to the next live waiter or the idle set", Check: cancelBeforeHandOffWins},
		{Name: "cancelled-open-goes-to-pool", Expect: "an Open started for an Acquire is not cancelled with the Acquire's ctx, and its resource goes to the next waiter or the idle set", Check: cancelledOpenGoesToPool},
		{Name: "failed-open-frees-slot", Expect: "a failed Open reports its error to a waiter, frees its slot, and the other waiters are served by a new Open", Check: failedOpenFreesSlot},
		{Name: "destroy-closes-and-refills", Expect: "Destroy closes the resource once, frees its slot, and the pool opens another to get back to MinSize", Check: destroyClosesAndRefills},
		{Name: "destroy-serves-waiter", Expect: "a slot freed by Destroy goes to a waiter, through a new Open", Check: destroyServesWaiter},
		{Name: "acquire-after-close-fails", Expect: "Acquire after Close returns ErrClosed at once", Check: acquireAfterCloseFails},
		{Name: "close-wakes-waiters", Expect: "Close wakes every waiting Acquire with ErrClosed at once, even while leases are out", Check: closeWakesWaiters},
		{Name: "close-waits-for-leases", Expect: "Close waits until the leases come back, or returns ctx.Err() when its ctx ends first, and a lease released later is still closed", Check: closeWaitsForLeases},
		{Name: "closes-each-resource-once", Expect: "after Close, every resource ever opened (idle, leased, destroyed, or still opening at Close) was closed exactly once", Check: closesEachResourceOnce},
		{Name: "matches-model", Expect: "any sequence of Acquire, Release, Destroy and cancelled waits behaves as the sequential model of a FIFO pool, Stats included", Check: matchesModel},
		{Name: "linearizable", Expect: "histories of Acquire (some cancelled by another goroutine, some timing out), Release, Destroy, Stats and Close made by four goroutines at once, with the pool's own Open and Close calls, are linearizable against the sequential model of a pool of MaxSize resources", Check: linearizable},
		{Name: "storm-keeps-invariants", Expect: "a storm of acquires, cancellations, destroys and failing opens, with a Close in its middle, never has more than MaxSize open, and every resource is closed exactly once", Check: stormKeepsInvariants},
	},
}

// Run checks every property of the pool kata against impl.
func Run(t *testing.T, impl Impl) {
	t.Helper()
	Suite.Run(t, impl)
}

// Adapt wraps a pool of the kata's shape, whose Acquire returns the concrete
// lease type L and whose Stats returns S, as a Pool; stats converts S.
func Adapt[L Lease, S any](p interface {
	Acquire(ctx context.Context) (L, error)
	Close(ctx context.Context) error
	Stats() S
}, stats func(S) Stats) Pool {
	return adapted[L, S]{p: p, stats: stats}
}

type adapted[L Lease, S any] struct {
	p interface {
		Acquire(ctx context.Context) (L, error)
		Close(ctx context.Context) error
		Stats() S
	}
	stats func(S) Stats
}

func (a adapted[L, S]) Acquire(ctx context.Context) (Lease, error) {
	l, err := a.p.Acquire(ctx)
	if err != nil {
		return nil, err
	}
	return l, nil
}

func (a adapted[L, S]) Close(ctx context.Context) error { return a.p.Close(ctx) }
func (a adapted[L, S]) Stats() Stats                    { return a.stats(a.p.Stats()) }
