package eventtest

import (
	"context"
	"errors"
	"runtime"
	"testing"
	"testing/synctest"
	"time"

	"github.com/conckata/conckata/internal/bubble"
)

func waitOnSetEventReturnsNil(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		e := impl.New()
		e.Set()
		for range 16 { // a select on a closed channel and a done ctx picks at random
			w := startWaitDone(e)
			if !w.Returned() {
				release(e, w)
				t.Fatalf("Wait on a set Event with a cancelled ctx blocked, want nil at once")
			}
			if w.Err() != nil {
				t.Fatalf("Wait on a set Event with a cancelled ctx returned %v, want nil (asyncio's wait() on a set event returns at once)", w.Err())
			}
		}
	})
}

func doneCtxFailsAtOnce(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		e := impl.New()
		cancelled := startWaitDone(e)
		past, cancel := context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
		defer cancel()
		expired := bubble.StartWith(past, "Wait", e.Wait)
		defer release(e, cancelled, expired)
		for _, c := range []struct {
			name string
			w    *bubble.Call
			want error
		}{
			{"a cancelled ctx", cancelled, context.Canceled},
			{"a ctx past its deadline", expired, context.DeadlineExceeded},
		} {
			if !c.w.Returned() {
				t.Errorf("Wait on an unset Event with %s blocked, want %v at once (ctx ignored)", c.name, c.want)
			} else if !errors.Is(c.w.Err(), c.want) {
				t.Errorf("Wait on an unset Event with %s returned %v, want %v", c.name, c.w.Err(), c.want)
			}
		}
		if e.IsSet() {
			t.Errorf("IsSet() = true after failed Waits on an unset Event, want false")
		}
	})
}

func cancelEndsWait(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		e := impl.New()
		ws := []*bubble.Call{startWait(e), startWait(e), startWait(e)}
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		timed := bubble.StartWith(ctx, "Wait", e.Wait)
		defer release(e, append(ws, timed)...)

		ws[1].Cancel()
		synctest.Wait()
		if !ws[1].Returned() {
			t.Fatalf("a Wait whose ctx was cancelled is still blocked, want context.Canceled at once (ctx ignored)")
		}
		if !errors.Is(ws[1].Err(), context.Canceled) {
			t.Errorf("a Wait whose ctx was cancelled returned %v, want context.Canceled", ws[1].Err())
		}
		time.Sleep(2 * time.Second) // on the bubble's clock: the timeout passes
		synctest.Wait()
		if !timed.Returned() {
			t.Fatalf("a Wait with a 1s timeout is still blocked after 2s, want context.DeadlineExceeded (ctx ignored)")
		}
		if !errors.Is(timed.Err(), context.DeadlineExceeded) {
			t.Errorf("a Wait with a 1s timeout returned %v after 2s, want context.DeadlineExceeded", timed.Err())
		}
		for _, i := range []int{0, 2} {
			if ws[i].Returned() {
				t.Fatalf("waiter %d returned %v when another waiter was cancelled, want it to keep waiting", i, ws[i].Err())
			}
		}
		e.Set()
		synctest.Wait()
		for _, i := range []int{0, 2} {
			if !ws[i].Succeeded() {
				t.Errorf("waiter %d was not released by Set() after the others gave up (returned %v, err %v)", i, ws[i].Returned(), ws[i].Err())
			}
		}
	})
}

// setWinsOverCancel cancels waiters and then, before they have run, sets the
// event. On one P the cancelled waiters cannot run until the test goroutine
// waits, so the Set reaches them while they still wait.
func setWinsOverCancel(t *testing.T, impl Impl) {
	onOneP(t)
	synctest.Test(t, func(t *testing.T) {
		e := impl.New()
		ws := []*bubble.Call{startWait(e), startWait(e), startWait(e)}
		defer release(e, ws...)
		for _, w := range ws {
			w.Cancel()
		}
		e.Set()
		synctest.Wait()
		for i, w := range ws {
			if !w.Succeeded() {
				t.Fatalf("three Waits blocked on an unset Event; all three were cancelled, then Set() came before they ran: waiter %d: %s, want nil: the event was set while it waited, and a set event is a fact to learn, not a resource to give back", i, w.Result())
			}
		}
		// A Wait that has already returned ctx.Err() stays failed.
		e.Clear()
		w := startWait(e)
		defer release(e, w)
		w.Cancel()
		synctest.Wait()
		e.Set()
		synctest.Wait()
		if !errors.Is(w.Err(), context.Canceled) {
			t.Fatalf("a Wait was cancelled and had returned before Set(): %s, want context.Canceled", w.Result())
		}
	})
}

// onOneP runs the rest of the test with GOMAXPROCS 1. A goroutine that a
// cancellation makes ready then runs only once the test goroutine blocks, so
// a Set right after the cancel finds the waiter still waiting. Each property
// runs alone in its own process, so nothing else is slowed.
func onOneP(t *testing.T) {
	prev := runtime.GOMAXPROCS(1)
	t.Cleanup(func() { runtime.GOMAXPROCS(prev) })
}
