package tasktest

import (
	"context"
	"errors"
	"testing"
	"testing/synctest"
	"time"

	"github.com/conckata/conckata/internal/taskfake"
)

// timedOut says what is wrong with err as WaitFor's timeout error, or "".
func timedOut(impl Impl, err error) string {
	switch {
	case !errors.Is(err, impl.ErrTimeout):
		return "it does not match ErrTimeout"
	case !errors.Is(err, context.DeadlineExceeded):
		return "it does not match context.DeadlineExceeded (errors.Is)"
	}
	return ""
}

// checkCancelsThenWaits fails t with notCancelled unless the WaitFor c has
// cancelled the task whose fn j records, and with returnedEarly if c has
// returned while fn cleans up; then it lets the cleanup time pass. Both
// messages take c as their %v.
func checkCancelsThenWaits(t *testing.T, c *call, j *job, cleanup time.Duration, notCancelled, returnedEarly string) {
	t.Helper()
	if !j.stopping.Load() {
		t.Fatalf(notCancelled, c)
	}
	if c.Returned() {
		t.Fatalf(returnedEarly, c)
	}
	time.Sleep(cleanup)
	synctest.Wait()
}

func waitForReturnsResult(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		var j job
		task := impl.Go(context.Background(), func(ctx context.Context) (int, error) {
			time.Sleep(time.Second) // work, on the bubble's clock
			j.sawCancel.Store(ctx.Err() != nil)
			return 8, nil
		})
		begin := time.Now()
		c := startWaitFor(impl, task, 5*time.Second)
		time.Sleep(time.Second)
		synctest.Wait()
		if !c.Returned() || c.value != 8 || c.Err() != nil {
			t.Fatalf("%v 1s after it started, when fn returned (8, <nil>) after 1s of work, want (8, <nil>) then", c)
		}
		if d := c.at.Sub(begin); d != time.Second {
			t.Errorf("WaitFor(ctx, t, 5s) returned after %v, want 1s: as soon as fn returned", d)
		}
		if j.sawCancel.Load() {
			t.Errorf("fn's ctx was cancelled while it worked within WaitFor's timeout, want it left alone")
		}
		done, cancel := context.WithCancel(context.Background())
		cancel()
		for range 16 { // a select on a closed Done and a done ctx picks at random
			if v, err := impl.WaitFor(done, task, time.Second); v != 8 || err != nil {
				t.Fatalf("WaitFor with a cancelled ctx on a done task = (%d, %v), want (8, <nil>): a done task's result comes first", v, err)
			}
		}
	})
}

func waitForTimeoutCancelsAndWaits(t *testing.T, impl Impl) {
	taskfake.Gated(t, func(t *testing.T, g *taskfake.Gate) {
		var j job
		task := impl.Go(context.Background(), j.honouring(g, 5*time.Second, stopped))
		begin := time.Now()
		c := startWaitFor(impl, task, time.Second)
		time.Sleep(time.Second)
		synctest.Wait()
		checkCancelsThenWaits(t, c, &j, 5*time.Second,
			"1s after WaitFor(ctx, t, 1s) started, fn's ctx was not cancelled (%v), want WaitFor to cancel the task when the timeout expires",
			"%v at the timeout, while fn, cancelled, was still cleaning up (5s), want WaitFor to wait until fn has returned: a WaitFor that returns early leaves the task running behind the caller's back (bpo-32751)")
		if !c.Returned() {
			t.Fatalf("%v after fn returned, want it to return then", c)
		}
		if !c.taskDone {
			t.Errorf("WaitFor returned before the task was done (Done still open), want it to return after (bpo-32751)")
		}
		if d := c.at.Sub(begin); d != 6*time.Second {
			t.Errorf("WaitFor(ctx, t, 1s) on a fn that takes 5s to stop returned after %v, want 6s: the timeout, then fn's clean-up", d)
		}
		if why := timedOut(impl, c.Err()); why != "" || c.value != 0 {
			t.Errorf("%v on timeout, want (0, ErrTimeout), but %s", c, why)
		}
		if !task.Cancelled() {
			t.Errorf("Cancelled() = false after WaitFor timed out and fn returned ctx.Err(), want true")
		}
	})
}

func waitForSwallowedCancelValueWins(t *testing.T, impl Impl) {
	taskfake.Gated(t, func(t *testing.T, g *taskfake.Gate) {
		cases := []struct {
			what  string
			fn    fn
			v     int
			err   error
			after time.Duration // when WaitFor(ctx, t, 1s) must return
		}{
			{"swallows the cancellation after 2s of clean-up and returns (42, <nil>)", new(job).honouring(g, 2*time.Second, swallow(42)), 42, nil, 3 * time.Second},
			{"ignores its ctx and returns (7, <nil>) after 10s", func(context.Context) (int, error) { time.Sleep(10 * time.Second); return 7, nil }, 7, nil, 10 * time.Second},
			{"fails its clean-up with errBoom", new(job).honouring(g, 0, func(error) (int, error) { return 0, errBoom }), 0, errBoom, time.Second},
		}
		for _, tc := range cases {
			task := impl.Go(context.Background(), tc.fn)
			begin := time.Now()
			c := startWaitFor(impl, task, time.Second)
			time.Sleep(tc.after)
			synctest.Wait()
			if !c.Returned() || c.value != tc.v || c.Err() != tc.err {
				t.Errorf("%v when fn %s, want (%d, %v): what fn returned, not ErrTimeout (a value is never lost)", c, tc.what, tc.v, tc.err)
				continue
			}
			if d := c.at.Sub(begin); d != tc.after {
				t.Errorf("WaitFor returned after %v when fn %s, want %v: when fn returned", d, tc.what, tc.after)
			}
		}
	})
}

func waitForCallerCancel(t *testing.T, impl Impl) {
	taskfake.Gated(t, func(t *testing.T, g *taskfake.Gate) {
		for _, tc := range []struct {
			what      string
			stop      func(error) (int, error)
			v         int
			cancelled bool
		}{
			{"returns ctx.Err() after 3s of clean-up", stopped, 0, true},
			{"swallows the cancellation after 3s of clean-up and returns (6, <nil>)", swallow(6), 6, false},
		} {
			var j job
			task := impl.Go(context.Background(), j.honouring(g, 3*time.Second, tc.stop))
			c := startWaitFor(impl, task, time.Hour)
			c.Cancel()
			synctest.Wait()
			checkCancelsThenWaits(t, c, &j, 3*time.Second,
				"after WaitFor's ctx was cancelled (%v), fn's ctx was not, want WaitFor to cancel the task",
				"%v when its ctx was cancelled, while fn was still cleaning up, want it to wait until fn has returned")
			if !c.Returned() || !c.taskDone || !errors.Is(c.Err(), context.Canceled) {
				t.Fatalf("%v (task done then: %v) when its ctx was cancelled and fn %s, want an error matching context.Canceled, once the task is done", c, c.taskDone, tc.what)
			}
			if v, err := task.Result(); v != tc.v || task.Cancelled() != tc.cancelled {
				t.Errorf("Result() = (%d, %v), Cancelled() = %v after WaitFor's ctx was cancelled and fn %s, want the value %d kept in the task and Cancelled() %v", v, err, task.Cancelled(), tc.what, tc.v, tc.cancelled)
			}
		}
	})
}

func waitForNonPositiveTimeout(t *testing.T, impl Impl) {
	taskfake.Gated(t, func(t *testing.T, g *taskfake.Gate) {
		for _, timeout := range []time.Duration{0, -time.Second} {
			done := impl.Go(context.Background(), func(context.Context) (int, error) { return 3, nil })
			synctest.Wait()
			if v, err := impl.WaitFor(context.Background(), done, timeout); v != 3 || err != nil {
				t.Errorf("WaitFor(ctx, t, %v) on a task done with (3, <nil>) = (%d, %v), want (3, <nil>)", timeout, v, err)
			}

			var j job
			running := impl.Go(context.Background(), j.honouring(g, 2*time.Second, stopped))
			synctest.Wait()
			begin := time.Now()
			c := startWaitFor(impl, running, timeout)
			if !j.stopping.Load() {
				t.Fatalf("WaitFor(ctx, t, %v) on a running task did not cancel it (%v), want it to time out at once", timeout, c)
			}
			time.Sleep(2 * time.Second)
			synctest.Wait()
			if !c.Returned() || !c.taskDone || c.at.Sub(begin) != 2*time.Second {
				t.Fatalf("%v, task done then: %v, on a running task that takes 2s to stop, want it to return once the task is done, after 2s", c, c.taskDone)
			}
			if why := timedOut(impl, c.Err()); why != "" {
				t.Errorf("%v on a running task, want ErrTimeout, but %s", c, why)
			}

			swallows := impl.Go(context.Background(), new(job).honouring(g, 0, swallow(4)))
			synctest.Wait()
			if v, err := impl.WaitFor(context.Background(), swallows, timeout); v != 4 || err != nil {
				t.Errorf("WaitFor(ctx, t, %v) on a running task that swallows the cancellation and returns (4, <nil>) = (%d, %v), want (4, <nil>)", timeout, v, err)
			}
		}
	})
}
