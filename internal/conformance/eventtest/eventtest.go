// Package eventtest is the conformance suite of the event kata: the
// properties of docs/katas/event.md, run against any implementation of its API
// (the learner's kata, the reference, the peers and the mutants).
//
// Properties that depend on ordering run inside testing/synctest bubbles, so
// they are exact and instant. The storm runs real goroutines and, like any
// concurrency test, may miss a bug on a given run: run it under -race.
// isset-is-race-free relies on the race detector alone: without -race it
// cannot fail. The memory property compares the live heap before and after many cancelled
// waits; it cannot see an Event that keeps a few bytes per wait.
package eventtest

import (
	"context"
	"testing"

	"github.com/conckata/conckata/internal/harness"
)

// Event is the API under test.
type Event interface {
	Set()
	Clear()
	IsSet() bool
	Wait(ctx context.Context) error
}

// Impl is an implementation of the event kata.
type Impl struct {
	New func() Event // an unset Event; for the kata, a zero value
}

// Suite holds the properties, in the order the doc page explains them.
var Suite = &harness.Suite[Impl]{
	Kata: "event",
	Properties: []harness.Property[Impl]{
		{Name: "zero-value-is-unset", Expect: "a new Event is not set; Set sets it, Clear unsets it, and Wait on it returns nil once it is set", Check: zeroValueIsUnset},
		{Name: "set-releases-every-waiter", Expect: "Set releases every goroutine waiting in Wait, and each Wait returns nil", Check: setReleasesEveryWaiter},
		{Name: "set-then-clear-releases-waiters", Expect: "the waiters present at a Set are released even when Clear follows at once (CPython test_clear_with_waiters)", Check: setThenClearReleasesWaiters},
		{Name: "clear-makes-wait-block", Expect: "after Clear, Wait blocks until the next Set", Check: clearMakesWaitBlock},
		{Name: "set-and-clear-are-idempotent", Expect: "a second Set or Clear changes nothing: waiters are released by the first Set and still wait after any number of Clears", Check: setAndClearAreIdempotent},
		{Name: "wait-on-set-event-returns-nil", Expect: "Wait on a set Event returns nil at once, even when its ctx is already done", Check: waitOnSetEventReturnsNil},
		{Name: "done-ctx-fails-at-once", Expect: "Wait on an unset Event with a ctx that is already done returns ctx.Err() at once", Check: doneCtxFailsAtOnce},
		{Name: "cancel-ends-wait", Expect: "a Wait whose ctx is cancelled or expires returns ctx.Err(), and the other waiters still wait for Set", Check: cancelEndsWait},
		{Name: "set-wins-over-cancel", Expect: "a Wait that a Set reaches returns nil, even if its ctx was cancelled first and it has not run since: a set event is a fact the waiter learns, not a resource it would have to give back", Check: setWinsOverCancel},
		{Name: "cancelled-waits-leave-nothing", Expect: "cancelled Waits leave nothing behind: many of them on an Event that is never set do not grow the live heap", Check: cancelledWaitsLeaveNothing},
		{Name: "storm-then-set-releases-all", Expect: "after a storm of Sets, Clears and expiring Waits on real goroutines, one Set releases every waiter and publishes what was written before it", Check: stormThenSetReleasesAll},
		{Name: "isset-is-race-free", Expect: "IsSet may be called while other goroutines call Set and Clear: it reads the flag with synchronisation, so the race detector reports nothing", Check: issetIsRaceFree},
		{Name: "matches-model", Expect: "any sequence of Set, Clear, Wait and cancellations, one at a time, behaves as the sequential model: a flag and a set of waiting goroutines", Check: matchesModel},
	},
}

// Run checks every property of the event kata against impl.
func Run(t *testing.T, impl Impl) {
	t.Helper()
	Suite.Run(t, impl)
}
