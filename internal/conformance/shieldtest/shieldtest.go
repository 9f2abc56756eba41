// Package shieldtest is the conformance suite of the shield kata: the
// properties of docs/katas/shield.md, run against any implementation of its
// API (the learner's kata, the reference, the peer and the mutants).
//
// The kata builds on the reference task package, solutions/task: Shield
// takes and returns a *task.Task, here at T = int. The properties run inside
// testing/synctest bubbles, so they are exact and instant; Detach is
// compared with context.WithoutCancel, its model.
package shieldtest

import (
	"context"
	"testing"

	"github.com/conckata/conckata/internal/harness"
	"github.com/conckata/conckata/solutions/task"
)

// Impl is an implementation of the shield kata.
type Impl struct {
	Shield func(t *task.Task[int]) *task.Task[int]
	Detach func(ctx context.Context) context.Context
}

// Suite holds the properties, in the order the doc page explains them.
var Suite = &harness.Suite[Impl]{
	Kata: "shield",
	Properties: []harness.Property[Impl]{
		{Name: "shield-returns-task-result", Expect: "the shield is done exactly when the task is, with the task's value", Check: shieldReturnsTaskResult},
		{Name: "shield-cancel-never-cancels-task", Expect: "cancelling a shield ends it at once with context.Canceled and leaves the task, and its other shields, running", Check: shieldCancelNeverCancelsTask},
		{Name: "wait-for-shield-leaves-task-running", Expect: "WaitFor(Shield(t)) timing out returns ErrTimeout at the timeout, leaves t running and its result retrievable from t", Check: waitForShieldLeavesTaskRunning},
		{Name: "task-cancel-cancels-shield", Expect: "cancelling the task cancels its shield, unless the task swallows the cancellation and returns a value, which the shield then returns", Check: taskCancelCancelsShield},
		{Name: "task-error-propagates", Expect: "the task's error, and a panic of its function as the same *task.PanicError, become the shield's", Check: taskErrorPropagates},
		{Name: "nil-arguments-panic", Expect: `Shield(nil) and Detach(nil) panic with messages starting "shield: ", where real arguments work`, Check: nilArgumentsPanic},
		{Name: "detach-drops-cancellation", Expect: "Detach(ctx) is never done and has no deadline, like context.WithoutCancel(ctx): Done is nil, Err and Cause nil, whatever becomes of ctx", Check: detachDropsCancellation},
		{Name: "detach-keeps-values", Expect: "Detach(ctx).Value(key) is ctx.Value(key) for every key, before and after ctx is cancelled, as for context.WithoutCancel(ctx)", Check: detachKeepsValues},
		{Name: "detach-string-names-parent", Expect: "Detach(ctx).String() is ctx's name followed by a suffix, as context.WithoutCancel(ctx).String() is", Check: detachStringNamesParent},
	},
}

// Run checks every property of the shield kata against impl.
func Run(t *testing.T, impl Impl) {
	t.Helper()
	Suite.Run(t, impl)
}
