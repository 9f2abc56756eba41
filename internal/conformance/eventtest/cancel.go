package eventtest

import (
	"context"
	"errors"
	"testing"
	"testing/synctest"
	"time"
)

func waitOnSetEventReturnsNil(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		e := impl.New()
		e.Set()
		for range 16 { // a select on a closed channel and a done ctx picks at random
			w := startWaitDone(e)
			if !w.returned() {
				release(e, w)
				t.Fatalf("Wait on a set Event with a cancelled ctx blocked, want nil at once")
			}
			if w.err != nil {
				t.Fatalf("Wait on a set Event with a cancelled ctx returned %v, want nil (asyncio's wait() on a set event returns at once)", w.err)
			}
		}
	})
}

func doneCtxFailsAtOnce(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		e := impl.New()
		cancelled := startWaitDone(e)
		past, cancel := context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
		expired := startWaitCtx(e, past, cancel)
		defer release(e, cancelled, expired)
		for _, c := range []struct {
			name string
			w    *waiter
			want error
		}{
			{"a cancelled ctx", cancelled, context.Canceled},
			{"a ctx past its deadline", expired, context.DeadlineExceeded},
		} {
			if !c.w.returned() {
				t.Errorf("Wait on an unset Event with %s blocked, want %v at once (ctx ignored)", c.name, c.want)
			} else if !errors.Is(c.w.err, c.want) {
				t.Errorf("Wait on an unset Event with %s returned %v, want %v", c.name, c.w.err, c.want)
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
		ws := []*waiter{startWait(e), startWait(e), startWait(e)}
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		timed := startWaitCtx(e, ctx, cancel)
		defer release(e, append(ws, timed)...)

		ws[1].cancel()
		synctest.Wait()
		if !ws[1].returned() {
			t.Fatalf("a Wait whose ctx was cancelled is still blocked, want context.Canceled at once (ctx ignored)")
		}
		if !errors.Is(ws[1].err, context.Canceled) {
			t.Errorf("a Wait whose ctx was cancelled returned %v, want context.Canceled", ws[1].err)
		}
		time.Sleep(2 * time.Second) // on the bubble's clock: the timeout passes
		synctest.Wait()
		if !timed.returned() {
			t.Fatalf("a Wait with a 1s timeout is still blocked after 2s, want context.DeadlineExceeded (ctx ignored)")
		}
		if !errors.Is(timed.err, context.DeadlineExceeded) {
			t.Errorf("a Wait with a 1s timeout returned %v after 2s, want context.DeadlineExceeded", timed.err)
		}
		for _, i := range []int{0, 2} {
			if ws[i].returned() {
				t.Fatalf("waiter %d returned %v when another waiter was cancelled, want it to keep waiting", i, ws[i].err)
			}
		}
		e.Set()
		synctest.Wait()
		for _, i := range []int{0, 2} {
			if !ws[i].released() {
				t.Errorf("waiter %d was not released by Set() after the others gave up (returned %v, err %v)", i, ws[i].returned(), ws[i].err)
			}
		}
	})
}
