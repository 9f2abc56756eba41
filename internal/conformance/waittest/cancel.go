package waittest

import (
	"context"
	"testing"
	"testing/synctest"
	"time"

	"github.com/conckata/conckata/internal/taskfake"
)

func neverCancels(t *testing.T, impl Impl) {
	cases := []struct {
		how  string
		mode int
		ctx  taskfake.CtxMaker
	}{
		{"FirstCompleted, returning at 10ms", impl.FirstCompleted, taskfake.Live},
		{"FirstError, returning at 20ms", impl.FirstError, taskfake.Live},
		{"AllCompleted with a ctx deadline of 25ms", impl.AllCompleted, taskfake.Deadline(25 * ms)},
	}
	for _, c := range cases {
		withFleet(t, func(t *testing.T, f *fleet) {
			ctx, cancel := c.ctx()
			defer cancel()
			f.start(taskfake.After(10*ms, 0))
			f.start(taskfake.Fail(20*ms, errBoom))
			t2, t3 := f.start(taskfake.After(time.Second, 2)), f.start(taskfake.After(time.Second, 3))
			got := waitNow(ctx, impl, f.tasks, c.mode)
			synctest.Wait()
			for i, p := range list(t2, t3) {
				if taskfake.Closed(p.Done()) {
					v, err := p.Result()
					t.Fatalf("after Wait(%s), t%d (returning %d at 1s unless cancelled) was already done with (%d, %v), want it still running: Wait never cancels a task (it returned %s)", c.how, i+2, i+2, v, err, f.describe(got))
				}
			}
			time.Sleep(time.Second)
			for i, p := range list(t2, t3) {
				if v, err := p.Result(); v != i+2 || err != nil {
					t.Errorf("after Wait(%s), t%d ended with (%d, %v), want (%d, nil) at 1s: Wait never cancels a task", c.how, i+2, v, err, i+2)
				}
			}
		})
	}
}

func ctxDoneReturnsSplitSoFar(t *testing.T, impl Impl) {
	cases := []struct {
		how  string
		mode int
		ctx  taskfake.CtxMaker
		want error
	}{
		{"AllCompleted and a deadline of 25ms", impl.AllCompleted, taskfake.Deadline(25 * ms), context.DeadlineExceeded},
		{"FirstError and a cancel at 25ms", impl.FirstError, taskfake.CancelAfter(25 * ms), context.Canceled},
		{"FirstCompleted and a deadline of 5ms", impl.FirstCompleted, taskfake.Deadline(5 * ms), context.DeadlineExceeded},
	}
	for _, c := range cases {
		withFleet(t, func(t *testing.T, f *fleet) {
			ctx, cancel := c.ctx()
			defer cancel()
			t0, t1, t2 := f.start(taskfake.After(10*ms, 0)), f.start(taskfake.After(30*ms, 1)), f.start(taskfake.After(20*ms, 2))
			w := startWait(ctx, impl, f.tasks, c.mode)
			time.Sleep(40 * ms)
			if w.Waiting() {
				t.Fatalf("Wait with %s on t0 done at 10ms, t1 at 30ms, t2 at 20ms still waits at 40ms, want it returned when ctx was done", c.how)
			}
			at := 25 * ms
			done, pending := list(t0, t2), list(t1)
			if c.mode == impl.FirstCompleted {
				at, done, pending = 5*ms, nil, f.tasks
			}
			if got := w.res; !got.is(done, pending, c.want, at) {
				t.Errorf("Wait with %s on t0 done at 10ms, t1 at 30ms, t2 at 20ms returned %s, want %s: the split as it stands when ctx is done", c.how, f.describe(got), f.want(done, pending, c.want, at))
			}
		})
	}
}

func metConditionBeatsDoneCtx(t *testing.T, impl Impl) {
	withFleet(t, func(t *testing.T, f *fleet) {
		ok, failed := f.start(taskfake.After(0, 0)), f.start(taskfake.Fail(0, errBoom))
		cancelled := f.cancelledAt(0)
		time.Sleep(ms) // all three are done now
		pending := f.start(taskfake.After(time.Hour, 3))
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		cases := []struct {
			mode                int
			tasks, done, remain []*Task
			err                 error
		}{
			{impl.AllCompleted, list(ok, failed, cancelled), list(ok, failed, cancelled), nil, nil},
			{impl.FirstCompleted, list(pending, ok), list(ok), list(pending), nil},
			{impl.FirstError, list(pending, failed), list(failed), list(pending), nil},
			{impl.FirstError, list(ok, cancelled), list(ok, cancelled), nil, nil},
			{impl.AllCompleted, list(ok, pending), list(ok), list(pending), context.Canceled},
			{impl.FirstCompleted, list(pending), nil, list(pending), context.Canceled},
			{impl.FirstError, list(ok, cancelled, pending), list(ok, cancelled), list(pending), context.Canceled},
		}
		for _, c := range cases {
			w := startWait(ctx, impl, c.tasks, c.mode)
			if w.Waiting() {
				t.Fatalf("Wait(%s) on %s (t0 done, t1 failed, t2 cancelled, t3 pending) with a done ctx still waits, want it returned at once", impl.modeName(c.mode), f.names(c.tasks))
			}
			if !w.res.is(c.done, c.remain, c.err, 0) {
				t.Errorf("Wait(%s) on %s (t0 done, t1 failed, t2 cancelled, t3 pending) with a done ctx returned %s, want %s: a wait whose mode is met already succeeds, as Task.Wait on a done task does; one that would have to wait returns ctx.Err()", impl.modeName(c.mode), f.names(c.tasks), f.describe(w.res), f.want(c.done, c.remain, c.err, 0))
			}
		}
	})
}
