package shieldtest

import (
	"context"
	"errors"
	"testing"
	"testing/synctest"
	"time"

	"github.com/conckata/conckata/internal/bubble"
	"github.com/conckata/conckata/internal/taskfake"
	"github.com/conckata/conckata/solutions/task"
)

func shieldCancelNeverCancelsTask(t *testing.T, impl Impl) {
	taskfake.Gated(t, func(t *testing.T, g *taskfake.Gate) {
		tk := task.Go(context.Background(), g.Work(7))
		shields := []*task.Task[int]{impl.Shield(tk), impl.Shield(tk), impl.Shield(tk)}
		synctest.Wait()
		shields[0].Cancel()
		synctest.Wait()
		if !isDone(shields[0]) || !shields[0].Cancelled() {
			t.Fatalf("after Cancel on a shield of a running task, the shield %s (done: %v), want it done at once with context.Canceled: a shield stops waiting, not the task", state(shields[0]), isDone(shields[0]))
		}
		if isDone(tk) {
			t.Fatalf("cancelling a shield ended the task it shields (task %s), want the task left running (asyncio.shield)", state(tk))
		}
		for i, s := range shields[1:] {
			if isDone(s) {
				t.Fatalf("cancelling shield 1 of 3 ended shield %d (%s), want the other shields of the task still waiting", i+2, state(s))
			}
		}
		g.Open()
		synctest.Wait()
		if v, err := tk.Result(); v != 7 || err != nil {
			t.Errorf("the task, shielded, returned (7, <nil>), but its Result() = (%d, %v)", v, err)
		}
		for i, s := range shields[1:] {
			if v, err := s.Result(); v != 7 || err != nil {
				t.Errorf("shield %d of 3, not cancelled, has Result() = (%d, %v) after the task returned (7, <nil>), want (7, <nil>)", i+2, v, err)
			}
		}
	})
}

func waitForShieldLeavesTaskRunning(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		tk := task.Go(context.Background(), func(ctx context.Context) (int, error) {
			select {
			case <-ctx.Done():
				return 0, ctx.Err()
			case <-time.After(10 * time.Second): // work, on the bubble's clock
				return 7, nil
			}
		})
		begin := time.Now()
		var at time.Time
		var v int
		c := bubble.Start("WaitFor(ctx, Shield(t), 1s)", func(ctx context.Context) (err error) {
			v, err = task.WaitFor(ctx, impl.Shield(tk), time.Second)
			at = time.Now()
			return err
		})
		time.Sleep(time.Second)
		synctest.Wait()
		if !c.Returned() {
			t.Fatalf("WaitFor(ctx, Shield(t), 1s) had not returned 1s later, while t works for 10s: want ErrTimeout at 1s (the shield must end at once when WaitFor cancels it)")
		}
		if !errors.Is(c.Err(), task.ErrTimeout) || v != 0 || at.Sub(begin) != time.Second {
			t.Errorf("WaitFor(ctx, Shield(t), 1s) returned (%d, %v) after %v, want (0, ErrTimeout) after 1s", v, c.Err(), at.Sub(begin))
		}
		if isDone(tk) {
			t.Fatalf("WaitFor(ctx, Shield(t), 1s) timing out ended t (%s), want t left running: the timeout cancels the shield only", state(tk))
		}
		time.Sleep(9 * time.Second)
		synctest.Wait()
		if v, err := tk.Result(); v != 7 || err != nil {
			t.Errorf("t, left running after WaitFor on its shield timed out, has Result() = (%d, %v) when its work is over, want (7, <nil>)", v, err)
		}
	})
}

func taskCancelCancelsShield(t *testing.T, impl Impl) {
	taskfake.Gated(t, func(t *testing.T, g *taskfake.Gate) {
		parent, cancelParent := context.WithCancel(context.Background())
		defer cancelParent()
		honours := task.Go(context.Background(), g.Work(1))
		byParent := task.Go(parent, g.Work(2))
		swallows := task.Go(context.Background(), func(ctx context.Context) (int, error) {
			<-ctx.Done()
			return 6, nil
		})
		cases := []struct {
			what      string
			t, s      *task.Task[int]
			cancel    func()
			v         int
			cancelled bool
		}{
			{"t.Cancel() on a task that stops with ctx.Err()", honours, impl.Shield(honours), honours.Cancel, 0, true},
			{"cancelling the ctx the task was started with", byParent, impl.Shield(byParent), cancelParent, 0, true},
			{"t.Cancel() on a task that swallows it and returns (6, <nil>)", swallows, impl.Shield(swallows), swallows.Cancel, 6, false},
		}
		synctest.Wait()
		for _, c := range cases {
			c.cancel()
			synctest.Wait()
			if !isDone(c.s) {
				t.Errorf("after %s, the task ended (%s) but its shield is still running, want it done with the task's result", c.what, state(c.t))
				continue
			}
			v, err := c.s.Result()
			if v != c.v || c.s.Cancelled() != c.cancelled {
				t.Errorf("after %s, the task has %s and its shield %s, want the shield's value %d and Cancelled() %v: the task's outcome", c.what, state(c.t), state(c.s), c.v, c.cancelled)
			}
			if c.cancelled && !errors.Is(err, context.Canceled) {
				t.Errorf("after %s, the shield's error is %v, want context.Canceled", c.what, err)
			}
		}
	})
}
