// Package breakertest is the conformance suite of the breaker kata: the
// properties of docs/katas/breaker.md, run against any implementation of its
// API (the learner's kata, the reference, the peers and the mutants).
//
// Every property but the storm runs in testing/synctest bubbles: the
// breaker's clock is the bubble's, so OpenTimeout passes exactly when a
// property says so, and the calls a property holds inside fn (to make their
// results arrive after a state change) are finished in the order it chooses.
// The storm runs real goroutines and, like any concurrency test, may miss a
// bug on a given run: run it under -race. The suite sees a breaker only
// through Do and State, so it cannot tell a breaker that takes a lock on its
// fast path from one that does not: the benchmarks measure that.
package breakertest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/conckata/conckata/internal/harness"
)

// State is a breaker's state, numbered as the kata numbers its own.
type State int

const (
	Closed State = iota
	Open
	HalfOpen
)

// String names s as the kata's State.String must.
func (s State) String() string {
	switch s {
	case Closed:
		return "closed"
	case Open:
		return "open"
	case HalfOpen:
		return "half-open"
	}
	return fmt.Sprintf("State(%d)", int(s))
}

// Settings are the kata's Settings, field for field, so that the kata's
// test file converts them: breaker.Settings(s).
type Settings struct {
	FailureThreshold int              // consecutive failures that open the circuit; 0 means 5
	OpenTimeout      time.Duration    // time spent open before trial calls; 0 means 60s
	HalfOpenMax      int              // trial calls at once, and successes needed to close; 0 means 1
	IsFailure        func(error) bool // nil: err != nil && !errors.Is(err, context.Canceled)
}

// Breaker is the API under test, its State converted to the suite's by Adapt.
type Breaker interface {
	Do(ctx context.Context, fn func(context.Context) error) error
	State() State
}

// Impl is an implementation of the breaker kata.
type Impl struct {
	New    func(s Settings) Breaker // a closed breaker; panics on a negative setting
	String func(s State) string     // the kata's State.String of the state numbered s
	// ErrOpen and ErrTooManyRequests are what Do returns, without calling
	// fn, while the breaker is open, and while it is half-open with
	// HalfOpenMax trial calls running.
	ErrOpen, ErrTooManyRequests error
}

// Adapt returns b, whose State is numbered as the suite's, as a Breaker.
func Adapt[S ~int](b interface {
	Do(ctx context.Context, fn func(context.Context) error) error
	State() S
}) Breaker {
	return adapted[S]{b}
}

type adapted[S ~int] struct {
	b interface {
		Do(ctx context.Context, fn func(context.Context) error) error
		State() S
	}
}

func (a adapted[S]) Do(ctx context.Context, fn func(context.Context) error) error {
	return a.b.Do(ctx, fn)
}

func (a adapted[S]) State() State { return State(a.b.State()) }

// Suite holds the properties, in the order the doc page explains them.
var Suite = &harness.Suite[Impl]{
	Kata: "breaker",
	Properties: []harness.Property[Impl]{
		{Name: "do-returns-fn-result", Expect: "on a closed breaker, Do calls fn once with Do's ctx and returns exactly fn's error", Check: doReturnsFnResult},
		{Name: "state-names", Expect: `State.String names the states "closed", "open" and "half-open"`, Check: stateNames},
		{Name: "consecutive-failures-open", Expect: "FailureThreshold failures in a row open the breaker, a success in between starts the count again, and an open breaker returns ErrOpen without calling fn", Check: consecutiveFailuresOpen},
		{Name: "is-failure-decides", Expect: "Settings.IsFailure decides what is a failure (by default any error but context.Canceled), a result that is no failure but wraps context.Canceled counts for nothing (the caller gave up), and any other result counts as a success", Check: isFailureDecides},
		{Name: "done-ctx-returns-at-once", Expect: "Do with a ctx already done returns ctx.Err() without calling fn, counting nothing and taking no trial slot", Check: doneCtxReturnsAtOnce},
		{Name: "half-open-after-timeout", Expect: "an open breaker stays open, rejecting calls, until OpenTimeout has passed on the clock, and is half-open from then on, whether Do or State looks first", Check: halfOpenAfterTimeout},
		{Name: "half-open-limits-trials", Expect: "a half-open breaker runs at most HalfOpenMax trial calls at once; Do returns ErrTooManyRequests to the others without calling fn", Check: halfOpenLimitsTrials},
		{Name: "half-open-frees-finished-slots", Expect: "HalfOpenMax counts the trial calls running at once: a trial that succeeded frees its slot for the next call", Check: halfOpenFreesFinishedSlots},
		{Name: "half-open-successes-close", Expect: "HalfOpenMax successful trial calls close the breaker, which then counts failures from zero", Check: halfOpenSuccessesClose},
		{Name: "half-open-failure-reopens", Expect: "a failed trial call re-opens the breaker at once", Check: halfOpenFailureReopens},
		{Name: "reopen-restarts-timer", Expect: "a breaker re-opened by a failed trial stays open for a whole OpenTimeout from the re-opening", Check: reopenRestartsTimer},
		{Name: "stale-results-ignored", Expect: "the result of a call that started before the breaker's last state change is ignored: it neither closes, re-opens nor counts (gobreaker's generation)", Check: staleResultsIgnored},
		{Name: "panic-counts-as-failure", Expect: "a panic in fn reaches Do's caller with its own value and counts as a failure, also in a trial call", Check: panicCountsAsFailure},
		{Name: "panic-ignores-is-failure", Expect: "a panic in fn counts as a failure whatever Settings.IsFailure says", Check: panicIgnoresIsFailure},
		{Name: "zero-settings-mean-defaults", Expect: "New(Settings{}) opens after 5 failures in a row, stays open 60s, runs 1 trial call at once and closes after 1 success", Check: zeroSettingsMeanDefaults},
		{Name: "bad-settings-panic", Expect: `a negative setting makes New panic, and a nil fn makes Do panic, each with a message that starts "breaker: "`, Check: badSettingsPanic},
		{Name: "storm-keeps-trial-slots", Expect: "on real goroutines, a half-open breaker admits exactly HalfOpenMax of many simultaneous calls, and after a storm of successes, failures and panics no trial slot is lost", Check: stormKeepsTrialSlots},
		{Name: "matches-model", Expect: "any sequence of calls that succeed, fail, return context.Canceled or panic, calls held while the state changes, State() and the clock passing OpenTimeout behaves as the sequential model of a circuit breaker", Check: matchesModel},
	},
}

// Run checks every property of the breaker kata against impl.
func Run(t *testing.T, impl Impl) {
	t.Helper()
	Suite.Run(t, impl)
}
