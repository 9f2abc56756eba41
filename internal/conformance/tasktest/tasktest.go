// Package tasktest is the conformance suite of the task kata: the properties
// of docs/katas/task.md, run against any implementation of its API (the
// learner's kata, the reference, the peer and the mutants).
//
// The kata's API is generic; the suite runs it at T = int. Properties that
// depend on ordering or time run inside testing/synctest bubbles, so they are
// exact and instant. The storm runs real goroutines and, like any
// concurrency test, may miss a bug on a given run: run it under -race.
package tasktest

import (
	"context"
	"testing"
	"time"

	"github.com/conckata/conckata/internal/harness"
)

// Task is the API of a *task.Task[int] under test.
type Task interface {
	Done() <-chan struct{}
	Cancel()
	Cancelled() bool
	Result() (int, error)
	Wait(ctx context.Context) (int, error)
}

// Impl is an implementation of the task kata, at T = int.
type Impl struct {
	Go      func(ctx context.Context, fn func(context.Context) (int, error)) Task
	WaitFor func(ctx context.Context, t Task, timeout time.Duration) (int, error) // t comes from Go
	// Panic returns the panic value and stack kept in err, if err is (or
	// wraps) the implementation's *PanicError.
	Panic                  func(err error) (value any, stack []byte, ok bool)
	ErrNotDone, ErrTimeout error
}

// Suite holds the properties, in the order the doc page explains them.
var Suite = &harness.Suite[Impl]{
	Kata: "task",
	Properties: []harness.Property[Impl]{
		{Name: "go-starts-at-once", Expect: "Go returns at once while fn runs in its own goroutine, with a ctx that carries the values of Go's ctx and is cancelled with it", Check: goStartsAtOnce},
		{Name: "go-nil-function-panics", Expect: `Go with a nil function panics with a message starting "task: ", where a real one runs`, Check: goNilFunctionPanics},
		{Name: "result-after-done", Expect: "Result returns ErrNotDone until Done is closed, then exactly what fn returned, every time", Check: resultAfterDone},
		{Name: "wait-returns-result", Expect: "Wait blocks until fn has returned and gives every waiter its result; on a done task it returns the result even with a done ctx", Check: waitReturnsResult},
		{Name: "cancel-is-a-request", Expect: "Cancel cancels fn's ctx without blocking; a fn that ignores it runs to its end, its result stands and Cancelled() is false", Check: cancelIsARequest},
		{Name: "cancelled-after-honoured-cancel", Expect: "Cancelled() is true once a cancelled fn has returned an error matching context.Canceled, and false before, or for any other outcome", Check: cancelledAfterHonouredCancel},
		{Name: "cancel-after-done-changes-nothing", Expect: "Cancel on a done task changes nothing: Result, Wait, WaitFor and Cancelled report what fn returned", Check: cancelAfterDoneChangesNothing},
		{Name: "panic-becomes-error", Expect: "a panic in fn ends the task with a *PanicError holding the value and the stack, never a crash", Check: panicBecomesError},
		{Name: "goexit-becomes-error", Expect: "a fn that calls runtime.Goexit ends the task with a *PanicError, not with a zero value and a nil error", Check: goexitBecomesError},
		{Name: "wait-ctx-expiry-leaves-task-running", Expect: "a Wait whose ctx is cancelled or expires returns ctx.Err() and leaves the task running, not cancelled", Check: waitCtxExpiryLeavesTaskRunning},
		{Name: "wait-for-returns-result", Expect: "WaitFor returns fn's result as soon as fn returns within the timeout, without cancelling it", Check: waitForReturnsResult},
		{Name: "wait-for-timeout-cancels-and-waits", Expect: "on timeout WaitFor cancels the task and returns only after fn has returned, with an error matching both ErrTimeout and context.DeadlineExceeded (bpo-32751)", Check: waitForTimeoutCancelsAndWaits},
		{Name: "wait-for-swallowed-cancel-value-wins", Expect: "when fn ignores or swallows WaitFor's cancellation, WaitFor returns what fn returned, not ErrTimeout", Check: waitForSwallowedCancelValueWins},
		{Name: "wait-for-caller-cancel", Expect: "when WaitFor's own ctx is cancelled, it cancels the task, waits until fn has returned and returns an error matching context.Canceled", Check: waitForCallerCancel},
		{Name: "wait-for-non-positive-timeout", Expect: "WaitFor with a timeout <= 0 returns the result of a done task, and otherwise times out at once: it cancels the task and waits for it", Check: waitForNonPositiveTimeout},
		{Name: "concurrent-use-is-safe", Expect: "Wait, WaitFor, Result, Cancelled and Cancel called from many goroutines at once all see one outcome per task, with no data race", Check: concurrentUseIsSafe},
	},
}

// Run checks every property of the task kata against impl.
func Run(t *testing.T, impl Impl) {
	t.Helper()
	Suite.Run(t, impl)
}
