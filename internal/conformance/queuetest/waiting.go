package queuetest

import (
	"context"
	"errors"
	"slices"
	"testing"
	"testing/synctest"
	"time"
)

func blockedGettersServedFIFO(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		q := impl.NewFIFO(4)
		var getters []*call
		for range 4 {
			getters = append(getters, startGet(q)) // each waits behind the last
		}
		defer finish(getters...)
		for i, g := range getters {
			fill(t, q, "NewFIFO(4) with Gets waiting", 10+i)
			// The item is the waiting Get's already, though it has not run.
			if v, err := q.TryGet(); err == nil {
				t.Fatalf("TryGet() right after TryPut(%d) with %d Gets waiting returned %d, want ErrEmpty: the item belongs to the first waiting Get", 10+i, len(getters)-i, v)
			}
			synctest.Wait()
			if !g.got(10 + i) {
				t.Fatalf("four Gets waited on an empty queue; after putting %d, waiter %d %s, want it to return %d (first come, first served)", 10+i, i, g.result(), 10+i)
			}
			for j, h := range getters[i+1:] {
				if h.Returned() {
					t.Fatalf("after putting %d, waiter %d behind it also returned: %s, want it still waiting", 10+i, i+1+j, h.result())
				}
			}
		}
	})
}

func blockedPuttersServedFIFO(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		q := impl.NewFIFO(1)
		fill(t, q, "NewFIFO(1)", 0)
		var putters []*call
		for i := range 4 {
			putters = append(putters, startPut(q, i+1)) // each waits behind the last
		}
		defer finish(putters...)
		var got []int
		for i, p := range putters {
			g, _ := drain(q, 1)
			got = append(got, g...)
			// The slot is the waiting Put's already, though it has not run.
			if err := q.TryPut(99); err == nil {
				t.Fatalf("TryPut(99) right after a Get made room with %d Puts waiting = nil, want ErrFull: the slot belongs to the first waiting Put", len(putters)-i)
			}
			synctest.Wait()
			if !p.Succeeded() {
				t.Fatalf("four Puts waited on a full NewFIFO(1); after %d Gets, waiter %d %s, want nil (first come, first served)", i+1, i, p.result())
			}
			for j, h := range putters[i+1:] {
				if h.Returned() {
					t.Fatalf("after %d Gets, waiter %d behind waiter %d also returned: %s, want it still waiting", i+1, i+1+j, i, h.result())
				}
			}
		}
		g, _ := drain(q, 1)
		if got = append(got, g...); !slices.Equal(got, []int{0, 1, 2, 3, 4}) {
			t.Errorf("NewFIFO(1) holding 0, with Put(1)..Put(4) waiting in that order, gave %v, want [0 1 2 3 4]", got)
		}
	})
}

func cancelLeavesQueueUnchanged(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		q := impl.NewFIFO(1)
		first, second := startGet(q), startGet(q)
		defer finish(first, second)
		first.Cancel()
		synctest.Wait()
		if !first.Returned() || !errors.Is(first.Err(), context.Canceled) {
			t.Fatalf("a waiting Get whose ctx was cancelled: %s, want context.Canceled at once", first.result())
		}
		ctx, cancel := context.WithTimeout(t.Context(), time.Second)
		defer cancel()
		if v, err := q.Get(ctx); !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("Get with a 1s timeout on an empty queue = (%d, %v), want context.DeadlineExceeded after 1s", v, err)
		}
		fill(t, q, "NewFIFO(1)", 7)
		synctest.Wait()
		if !second.got(7) {
			t.Fatalf("two Gets waited, the first gave up, then 7 was put: the second %s, want 7", second.result())
		}

		fill(t, q, "NewFIFO(1)", 1)
		p1, p2 := startPut(q, 2), startPut(q, 3)
		defer finish(p1, p2)
		p1.Cancel()
		synctest.Wait()
		if !p1.Returned() || !errors.Is(p1.Err(), context.Canceled) {
			t.Fatalf("a waiting Put(2) whose ctx was cancelled: %s, want context.Canceled at once", p1.result())
		}
		if err := q.Put(ctx, 4); !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("Put(4) with an expired ctx on a full queue = %v, want context.DeadlineExceeded", err)
		}
		if got := q.Len(); got != 1 {
			t.Errorf("Len() = %d after two Puts on a full NewFIFO(1) gave up, want 1", got)
		}
		got, _ := drain(q, 1)
		synctest.Wait()
		if !p2.Succeeded() {
			t.Fatalf("Put(2) gave up, Put(3) waited behind it, a Get made room: Put(3) %s, want nil", p2.result())
		}
		rest, _ := drain(q, 10)
		if got = append(got, rest...); !slices.Equal(got, []int{1, 3}) {
			t.Errorf("NewFIFO(1) holding 1; Put(2) gave up, Put(3) waited, Put(4) expired: items came out as %v, want [1 3]", got)
		}
	})
}
