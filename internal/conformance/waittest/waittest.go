// Package waittest is the conformance suite of the wait kata: the properties
// of docs/katas/wait.md, run against any implementation of its API (the
// learner's kata, the reference, the peers and the mutants).
//
// The tasks are solutions/task Tasks. Ordering, deadlines and the moment
// Wait returns are checked inside testing/synctest bubbles, where the tasks
// sleep on the bubble's fake clock, so they are exact. The storm runs real
// goroutines and, like any concurrency test, may miss a bug on a given run:
// run it under -race.
package waittest

import (
	"context"
	"testing"

	"github.com/conckata/conckata/internal/harness"
	"github.com/conckata/conckata/solutions/task"
)

// Task is the kind of task Wait waits for, at T = int.
type Task = task.Task[int]

// Impl is an implementation of the wait kata, instantiated at int. Its modes
// are passed as ints, so that the suite can also pass invalid ones.
type Impl struct {
	Wait func(ctx context.Context, tasks []*Task, mode int) (done, pending []*Task, err error)
	// The implementation's Mode constants.
	AllCompleted, FirstCompleted, FirstError int
}

// Suite holds the properties, in the order the doc page explains them.
var Suite = &harness.Suite[Impl]{
	Kata: "wait",
	Properties: []harness.Property[Impl]{
		{Name: "all-completed-waits-for-all", Expect: "AllCompleted returns once every task is done, failed and cancelled ones included, with all of them in done in list order and a nil error", Check: allCompletedWaitsForAll},
		{Name: "first-completed-returns-at-first", Expect: "FirstCompleted returns as soon as any task is done, successful or not, with the done tasks and the pending ones each in list order", Check: firstCompletedReturnsAtFirst},
		{Name: "first-error-returns-at-first-failure", Expect: "FirstError returns as soon as a task fails (a panic counts), with the tasks done by then in done", Check: firstErrorReturnsAtFirstFailure},
		{Name: "first-error-ignores-cancelled", Expect: "FirstError does not count a cancelled task as a failure, and waits on for a real one", Check: firstErrorIgnoresCancelled},
		{Name: "first-error-without-failure-waits-for-all", Expect: "FirstError with no task failing returns only once every task is done, as AllCompleted", Check: firstErrorWithoutFailureWaitsForAll},
		{Name: "never-cancels", Expect: "Wait never cancels a task: the pending ones run on to their own results, whichever way Wait returned", Check: neverCancels},
		{Name: "ctx-done-returns-split-so-far", Expect: "when ctx is done first, Wait returns at once the tasks done so far, those pending, and ctx.Err()", Check: ctxDoneReturnsSplitSoFar},
		{Name: "met-condition-beats-done-ctx", Expect: "tasks that meet the mode when Wait is called are returned with a nil error even when ctx is already done; otherwise a done ctx returns ctx.Err() at once", Check: metConditionBeatsDoneCtx},
		{Name: "empty-list-returns-at-once", Expect: "Wait on an empty list returns at once with nothing done, nothing pending and a nil error, in every mode", Check: emptyListReturnsAtOnce},
		{Name: "invalid-mode-panics-first", Expect: `Wait with a mode that is none of the three panics with a "wait: ..." message about the mode at once, before any waiting`, Check: invalidModePanicsFirst},
		{Name: "nil-task-panics", Expect: `Wait on a list holding a nil task panics with a "wait: ..." message about the nil task at once, before any waiting`, Check: nilTaskPanics},
		{Name: "duplicates-counted-each-time", Expect: "a task listed twice is in done twice, or in pending twice: done and pending partition the list, not the set", Check: duplicatesCountedEachTime},
		{Name: "split-matches-model", Expect: "for any tasks, mode and ctx, Wait returns when the model says, with the done and pending tasks the model says, and cancels nothing", Check: splitMatchesModel},
		{Name: "storm-partitions-and-cancels-nothing", Expect: "on real goroutines, concurrent Waits in every mode with expiring ctxs always partition the list in order, meet their mode or report ctx.Err(), and cancel nothing", Check: stormPartitionsAndCancelsNothing},
	},
}

// Run checks every property of the wait kata against impl.
func Run(t *testing.T, impl Impl) {
	t.Helper()
	Suite.Run(t, impl)
}
