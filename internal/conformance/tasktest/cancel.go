package tasktest

import (
	"context"
	"errors"
	"testing"
	"testing/synctest"
	"time"

	"github.com/conckata/conckata/internal/bubble"
	"github.com/conckata/conckata/internal/taskfake"
)

func cancelIsARequest(t *testing.T, impl Impl) {
	taskfake.Gated(t, func(t *testing.T, g *taskfake.Gate) {
		var j job
		task := impl.Go(context.Background(), j.ignoring(g, 5, nil))
		c := bubble.Start("Cancel", func(context.Context) error { task.Cancel(); return nil })
		if !c.Returned() {
			g.Open()
			synctest.Wait()
			t.Fatalf("Cancel blocked while fn was running, want it to return at once: it only asks fn to stop")
		}
		if isDone(task) || task.Cancelled() {
			t.Fatalf("after Cancel, with fn still running: Done closed %v, Cancelled() %v, want false and false (fn decides when to stop)", isDone(task), task.Cancelled())
		}
		if v, err := task.Result(); !errors.Is(err, impl.ErrNotDone) {
			t.Fatalf("Result() = (%d, %v) after Cancel with fn still running, want ErrNotDone", v, err)
		}
		g.Open()
		synctest.Wait()
		if !j.sawCancel.Load() {
			t.Errorf("fn's ctx was not done after Cancel, want Cancel to cancel it")
		}
		if v, err := task.Result(); v != 5 || err != nil {
			t.Errorf("Result() = (%d, %v) when fn ignored Cancel and returned (5, <nil>), want (5, <nil>): the result stands", v, err)
		}
		if task.Cancelled() {
			t.Errorf("Cancelled() = true when fn ignored Cancel and returned (5, <nil>), want false")
		}
	})
}

func cancelledAfterHonouredCancel(t *testing.T, impl Impl) {
	taskfake.Gated(t, func(t *testing.T, g *taskfake.Gate) {
		outcomes := []struct {
			name      string
			stop      func(error) (int, error)
			cancelled bool
		}{
			{"returned ctx.Err() wrapped with %w", stopped, true},
			{"returned ctx.Err()", func(err error) (int, error) { return 0, err }, true},
			{"returned errBoom", func(error) (int, error) { return 0, errBoom }, false},
			{"returned (9, <nil>)", swallow(9), false},
		}
		for _, o := range outcomes {
			var j job
			task := impl.Go(context.Background(), j.honouring(g, time.Second, o.stop))
			synctest.Wait()
			task.Cancel()
			synctest.Wait() // fn is cleaning up, for a second on the bubble's clock
			if task.Cancelled() {
				t.Fatalf("Cancelled() = true after Cancel while fn was still cleaning up, want false until fn has returned")
			}
			time.Sleep(time.Second)
			synctest.Wait()
			if !isDone(task) {
				t.Fatalf("Done() still open after the cancelled fn %s", o.name)
			}
			if got := task.Cancelled(); got != o.cancelled {
				v, err := task.Result()
				t.Errorf("Cancelled() = %v after Cancel when fn %s (Result() = (%d, %v)), want %v: a task is cancelled when its error matches context.Canceled", got, o.name, v, err, o.cancelled)
			}
		}
		done := impl.Go(context.Background(), func(context.Context) (int, error) { return 1, nil })
		synctest.Wait()
		if done.Cancelled() {
			t.Errorf("Cancelled() = true for a task never cancelled that returned (1, <nil>), want false")
		}
	})
}

func cancelAfterDoneChangesNothing(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		outcomes := []struct {
			name      string
			fn        fn
			v         int
			err       error
			cancelled bool
		}{
			{"returned (9, <nil>)", func(context.Context) (int, error) { return 9, nil }, 9, nil, false},
			{"returned (0, errBoom)", func(context.Context) (int, error) { return 0, errBoom }, 0, errBoom, false},
			{"returned (0, context.Canceled)", func(context.Context) (int, error) { return 0, context.Canceled }, 0, context.Canceled, true},
		}
		for _, o := range outcomes {
			task := impl.Go(context.Background(), o.fn)
			synctest.Wait()
			task.Cancel()
			task.Cancel()
			if v, err := task.Result(); v != o.v || err != o.err {
				t.Errorf("Result() = (%d, %v) after Cancel on a task whose fn had %s, want that result unchanged (asyncio: cancel() on a done task returns False and does nothing)", v, err, o.name)
			}
			if v, err := task.Wait(context.Background()); v != o.v || err != o.err {
				t.Errorf("Wait = (%d, %v) after Cancel on a task whose fn had %s, want that result unchanged", v, err, o.name)
			}
			if v, err := impl.WaitFor(context.Background(), task, time.Second); v != o.v || err != o.err {
				t.Errorf("WaitFor = (%d, %v) after Cancel on a task whose fn had %s, want that result unchanged", v, err, o.name)
			}
			if got := task.Cancelled(); got != o.cancelled {
				t.Errorf("Cancelled() = %v after Cancel on a task whose fn had %s, want %v", got, o.name, o.cancelled)
			}
		}
	})
}

func waitCtxExpiryLeavesTaskRunning(t *testing.T, impl Impl) {
	taskfake.Gated(t, func(t *testing.T, g *taskfake.Gate) {
		var j job
		task := impl.Go(context.Background(), j.honouring(g, 0, stopped))
		cancelled := start("Wait", task, task.Wait)
		cancelled.Cancel()
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		expired := start("Wait(ctx with a 1s timeout)", task, func(context.Context) (int, error) { return task.Wait(ctx) })
		time.Sleep(2 * time.Second)
		synctest.Wait()
		for _, w := range []struct {
			c    *call
			what string
			want error
		}{{cancelled, "whose ctx was cancelled", context.Canceled}, {expired, "whose ctx expired", context.DeadlineExceeded}} {
			if !w.c.Returned() || !errors.Is(w.c.Err(), w.want) {
				t.Errorf("%s (a Wait %s), want (0, %v)", w.c, w.what, w.want)
			}
		}
		if j.sawCancel.Load() || isDone(task) {
			t.Fatalf("after two Waits gave up (one cancelled, one expired), fn's ctx was cancelled (the task is done: %v), want the task left running: only Cancel and WaitFor cancel it", isDone(task))
		}
		g.Open()
		synctest.Wait()
		if task.Cancelled() {
			t.Errorf("Cancelled() = true for a task nobody cancelled, want false")
		}
	})
}
