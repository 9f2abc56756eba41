package waittest

import (
	"context"
	"testing"

	"github.com/conckata/conckata/internal/taskfake"
)

func allCompletedWaitsForAll(t *testing.T, impl Impl) {
	withFleet(t, func(t *testing.T, f *fleet) {
		t0, t1, t2 := f.start(taskfake.After(10*ms, 0)), f.start(taskfake.Fail(30*ms, errBoom)), f.start(taskfake.After(20*ms, 2))
		t3 := f.cancelledAt(5 * ms)
		got := waitNow(context.Background(), impl, f.tasks, impl.AllCompleted)
		if want := list(t0, t1, t2, t3); !got.is(want, nil, nil, 30*ms) {
			t.Errorf("Wait(AllCompleted) on t0 done at 10ms, t1 failing at 30ms, t2 done at 20ms, t3 cancelled at 5ms returned %s, want %s: every task, in list order (not completion order), and no error: a task's error stays in the task", f.describe(got), f.want(want, nil, nil, 30*ms))
		}
	})
}

func firstCompletedReturnsAtFirst(t *testing.T, impl Impl) {
	withFleet(t, func(t *testing.T, f *fleet) {
		t0, t1, t2 := f.start(taskfake.After(30*ms, 0)), f.start(taskfake.Fail(10*ms, errBoom)), f.start(taskfake.After(20*ms, 2))
		got := waitNow(context.Background(), impl, f.tasks, impl.FirstCompleted)
		if !got.is(list(t1), list(t0, t2), nil, 10*ms) {
			t.Fatalf("Wait(FirstCompleted) on t0 done at 30ms, t1 failing at 10ms, t2 done at 20ms returned %s, want %s: a failed task is completed too", f.describe(got), f.want(list(t1), list(t0, t2), nil, 10*ms))
		}
		got = waitNow(context.Background(), impl, got.pending, impl.FirstCompleted)
		if !got.is(list(t2), list(t0), nil, 10*ms) {
			t.Errorf("at 10ms, Wait(FirstCompleted) on the pending [t0 t2] returned %s, want %s", f.describe(got), f.want(list(t2), list(t0), nil, 10*ms))
		}
	})
}

func firstErrorReturnsAtFirstFailure(t *testing.T, impl Impl) {
	withFleet(t, func(t *testing.T, f *fleet) {
		t0, t1, t2, t3 := f.start(taskfake.After(10*ms, 0)), f.start(taskfake.After(30*ms, 1)), f.start(taskfake.Fail(20*ms, errBoom)), f.start(taskfake.After(40*ms, 3))
		got := waitNow(context.Background(), impl, f.tasks, impl.FirstError)
		if !got.is(list(t0, t2), list(t1, t3), nil, 20*ms) {
			t.Errorf("Wait(FirstError) on t0 done at 10ms, t1 at 30ms, t2 failing at 20ms, t3 done at 40ms returned %s, want %s", f.describe(got), f.want(list(t0, t2), list(t1, t3), nil, 20*ms))
		}
	})
	withFleet(t, func(t *testing.T, f *fleet) {
		t0, t1 := f.start(taskfake.After(20*ms, 0)), f.start(taskfake.Panic(10*ms, "task panics"))
		got := waitNow(context.Background(), impl, f.tasks, impl.FirstError)
		if !got.is(list(t1), list(t0), nil, 10*ms) {
			t.Errorf("Wait(FirstError) on t0 done at 20ms and t1 panicking at 10ms returned %s, want %s: a panic is a failure (a *task.PanicError)", f.describe(got), f.want(list(t1), list(t0), nil, 10*ms))
		}
	})
}

func firstErrorIgnoresCancelled(t *testing.T, impl Impl) {
	withFleet(t, func(t *testing.T, f *fleet) {
		t0 := f.cancelledAt(10 * ms)
		t1, t2, t3 := f.start(taskfake.Fail(15*ms, context.Canceled)), f.start(taskfake.Fail(20*ms, errBoom)), f.start(taskfake.After(30*ms, 3))
		got := waitNow(context.Background(), impl, f.tasks, impl.FirstError)
		if !got.is(list(t0, t1, t2), list(t3), nil, 20*ms) {
			t.Errorf("Wait(FirstError) on t0 cancelled at 10ms, t1 returning context.Canceled at 15ms, t2 failing at 20ms, t3 done at 30ms returned %s, want %s: a cancelled task has not failed (asyncio skips f.cancelled())", f.describe(got), f.want(list(t0, t1, t2), list(t3), nil, 20*ms))
		}
	})
}

func firstErrorWithoutFailureWaitsForAll(t *testing.T, impl Impl) {
	withFleet(t, func(t *testing.T, f *fleet) {
		t0 := f.start(taskfake.After(10*ms, 0))
		t1 := f.cancelledAt(20 * ms)
		t2 := f.start(taskfake.After(30*ms, 2))
		got := waitNow(context.Background(), impl, f.tasks, impl.FirstError)
		if want := list(t0, t1, t2); !got.is(want, nil, nil, 30*ms) {
			t.Errorf("Wait(FirstError) on t0 done at 10ms, t1 cancelled at 20ms, t2 done at 30ms returned %s, want %s: with no failure, FirstError is AllCompleted", f.describe(got), f.want(want, nil, nil, 30*ms))
		}
	})
}
