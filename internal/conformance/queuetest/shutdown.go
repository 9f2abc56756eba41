package queuetest

import (
	"context"
	"errors"
	"slices"
	"testing"
	"testing/synctest"
)

func shutdownDrainsThenFails(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		q := impl.NewFIFO(2)
		fill(t, q, "NewFIFO(2)", 1, 2)
		p, j := startPut(q, 3), startJoin(q)
		defer finish(p, j)
		q.Shutdown(false)
		synctest.Wait()
		if !p.Returned() || !errors.Is(p.Err(), impl.ErrShutdown) {
			t.Fatalf("Put(3) waiting on a full queue when Shutdown(false) was called: %s, want ErrShutdown", p.result())
		}
		if err := q.TryPut(4); !errors.Is(err, impl.ErrShutdown) {
			t.Errorf("TryPut(4) after Shutdown(false) = %v, want ErrShutdown", err)
		}
		if c := startPut(q, 5); !errors.Is(c.Err(), impl.ErrShutdown) {
			finish(c)
			t.Errorf("Put(5) after Shutdown(false): %s, want ErrShutdown at once", c.result())
		}
		got := takeAll(t, q, "NewFIFO(2) after Shutdown(false)", 1)
		rest, err := drain(q, 10)
		if got = append(got, rest...); !slices.Equal(got, []int{1, 2}) {
			t.Errorf("a queue holding 1, 2 when Shutdown(false) was called gave %v, want [1 2]: the items left are still got", got)
		}
		if !errors.Is(err, impl.ErrShutdown) {
			t.Errorf("TryGet on the drained queue after Shutdown(false) = %v, want ErrShutdown", err)
		}
		if c := startGet(q); !errors.Is(c.Err(), impl.ErrShutdown) {
			finish(c)
			t.Errorf("Get on the drained queue after Shutdown(false): %s, want ErrShutdown at once", c.result())
		}
		if j.Returned() {
			t.Errorf("Join with 2 items taken but not done, after Shutdown(false): %s, want it to wait", j.result())
		}
		q.TaskDone()
		q.TaskDone()
		synctest.Wait()
		if !j.Succeeded() {
			t.Errorf("Join after both items were marked done: %s, want nil", j.result())
		}

		e := impl.NewFIFO(2)
		g0, g1, g2 := startGet(e), startGet(e), startGet(e)
		defer finish(g0, g1, g2)
		g0.Cancel() // before the Shutdown: its ctx.Err() wins, as for a hand-off
		e.Shutdown(false)
		synctest.Wait()
		if !errors.Is(g0.Err(), context.Canceled) {
			t.Errorf("a Get waiting on an empty queue, cancelled just before Shutdown(false): %s, want context.Canceled", g0.result())
		}
		for i, g := range []*call{g1, g2} {
			if !errors.Is(g.Err(), impl.ErrShutdown) {
				t.Errorf("Get %d waiting on an empty queue when Shutdown(false) was called: %s, want ErrShutdown", i+1, g.result())
			}
		}
	})
}

func shutdownImmediateDropsItems(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		q := impl.NewFIFO(3)
		fill(t, q, "NewFIFO(3)", 1, 2, 3)
		takeAll(t, q, "NewFIFO(3)", 1) // taken, not done: still unfinished
		fill(t, q, "NewFIFO(3)", 4)
		p, j := startPut(q, 5), startJoin(q)
		defer finish(p, j)
		q.Shutdown(true)
		synctest.Wait()
		if !errors.Is(p.Err(), impl.ErrShutdown) {
			t.Errorf("Put(5) waiting on a full queue when Shutdown(true) was called: %s, want ErrShutdown", p.result())
		}
		if n := q.Len(); n != 0 {
			t.Errorf("Len() = %d after Shutdown(true) on a queue holding 3 items, want 0: the items are dropped", n)
		}
		if v, err := q.TryGet(); !errors.Is(err, impl.ErrShutdown) {
			t.Errorf("TryGet after Shutdown(true) = (%d, %v), want ErrShutdown", v, err)
		}
		joinWaitsForLastTaskDone(t, q, j,
			"4 items put, 1 taken and not done, 3 dropped by Shutdown(true): Join %s, want it to wait for the taken one: the count drops by exactly the number dropped",
			"4 items put, 3 dropped by Shutdown(true), then the 4th marked done: Join %s, want nil: Shutdown(true) must lower the unfinished count by the items it drops")

		e := impl.NewFIFO(2)
		fill(t, e, "NewFIFO(2)", 1)
		takeAll(t, e, "NewFIFO(2)", 1)
		g, je := startGet(e), startJoin(e)
		defer finish(g, je)
		e.Shutdown(false)
		fill2 := e.TryPut(9)
		e.Shutdown(true) // a second Shutdown is allowed
		synctest.Wait()
		if !errors.Is(g.Err(), impl.ErrShutdown) || !errors.Is(fill2, impl.ErrShutdown) {
			t.Errorf("a Get waiting on an empty queue when it was shut down: %s, and TryPut(9) after = %v, want ErrShutdown for both", g.result(), fill2)
		}
		if je.Returned() {
			t.Errorf("Join with 1 item taken but not done, after Shutdown(true) on an empty queue: %s, want it to wait", je.result())
		}
		e.TaskDone()
		synctest.Wait()
		if !je.Succeeded() {
			t.Errorf("Join after the taken item was marked done: %s, want nil", je.result())
		}
	})
}
