package queuetest

import (
	"context"
	"errors"
	"slices"
	"testing"
	"testing/synctest"
)

func fifoOrder(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		q := impl.NewFIFO(16)
		fill(t, q, "NewFIFO(16)", 1, 2, 3)
		for _, v := range []int{4, 5} {
			if c := startPut(q, v); !c.Succeeded() {
				finish(c)
				t.Fatalf("NewFIFO(16) holding 3 items: %s, want nil at once", c.result())
			}
		}
		if got := q.Len(); got != 5 {
			t.Errorf("Len() = %d after 5 items were put, want 5", got)
		}
		got := takeAll(t, q, "NewFIFO(16)", 2)
		fill(t, q, "NewFIFO(16)", 6)
		rest, err := drain(q, 10)
		got = append(got, rest...)
		if want := []int{1, 2, 3, 4, 5, 6}; !slices.Equal(got, want) {
			t.Errorf("put 1..5, got 2 items, put 6, then got the rest: items came out as %v, want %v", got, want)
		}
		if !errors.Is(err, impl.ErrEmpty) {
			t.Errorf("TryGet on the emptied queue returned %v, want ErrEmpty", err)
		}
		if got := q.Len(); got != 0 {
			t.Errorf("Len() = %d on the emptied queue, want 0", got)
		}
	})
}

func lifoOrder(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		q := impl.NewLIFO(16)
		fill(t, q, "NewLIFO(16)", 1, 2, 3)
		got := takeAll(t, q, "NewLIFO(16)", 1)
		fill(t, q, "NewLIFO(16)", 4, 5)
		rest, err := drain(q, 10)
		got = append(got, rest...)
		if want := []int{3, 5, 4, 2, 1}; !slices.Equal(got, want) {
			t.Errorf("on a LIFO queue, put 1, 2, 3, got one, put 4, 5, got the rest: items came out as %v, want %v", got, want)
		}
		if !errors.Is(err, impl.ErrEmpty) {
			t.Errorf("TryGet on the emptied LIFO queue returned %v, want ErrEmpty", err)
		}
	})
}

func priorityOrderIsStable(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		q := impl.NewPriority(0, byKey)
		var model []int // the items in the order they were put
		var got, want []int
		for i := range 60 {
			v := (i*7%5)*keyed + i // keys 0..4 in a scrambled order, many ties
			fill(t, q, "NewPriority(0, byKey)", v)
			model = append(model, v)
			if i%3 == 2 { // take one now and then, so that the heap is mixed
				g, _ := drain(q, 1)
				got = append(got, g...)
				want = append(want, least(&model))
			}
		}
		rest, _ := drain(q, 100)
		got = append(got, rest...)
		for len(model) > 0 {
			want = append(want, least(&model))
		}
		if !slices.Equal(got, want) {
			t.Errorf("60 items with keys 0..4 (item = key*%d + when it was put), taken now and then, came out as\n%v\nwant the least key first and equal keys in the order put:\n%v", keyed, got, want)
		}
	})
}

func least(items *[]int) int {
	i := 0
	for j, v := range *items {
		if byKey(v, (*items)[i]) {
			i = j
		}
	}
	v := (*items)[i]
	*items = slices.Delete(*items, i, i+1)
	return v
}

func boundedCapacity(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		q := impl.NewFIFO(2)
		if got := q.Cap(); got != 2 {
			t.Errorf("Cap() of NewFIFO(2) = %d, want 2", got)
		}
		fill(t, q, "NewFIFO(2)", 1, 2)
		if err := q.TryPut(3); !errors.Is(err, impl.ErrFull) {
			t.Fatalf("TryPut(3) on a NewFIFO(2) holding 2 items = %v, want ErrFull", err)
		}
		ctx := timeoutCtx(t)
		if err := q.Put(ctx, 3); !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("Put(3) with a 1s timeout on a full NewFIFO(2) = %v, want context.DeadlineExceeded after 1s", err)
		}
		p := startPut(q, 3)
		defer finish(p)
		if p.Returned() {
			t.Fatalf("Put(3) on a full NewFIFO(2): %s, want it to wait for room", p.result())
		}
		if got := q.Len(); got != 2 {
			t.Errorf("Len() = %d on a full NewFIFO(2), want 2", got)
		}
		got := takeAll(t, q, "NewFIFO(2)", 1)
		synctest.Wait()
		if !p.Succeeded() {
			t.Fatalf("a Get made room in a full NewFIFO(2) but the waiting Put(3) %s, want nil", p.result())
		}
		rest, _ := drain(q, 10)
		if got = append(got, rest...); !slices.Equal(got, []int{1, 2, 3}) {
			t.Errorf("NewFIFO(2): put 1, 2, then 3 waited for room; items came out as %v, want [1 2 3]", got)
		}
	})
}

func unboundedNeverFull(t *testing.T, impl Impl) {
	const n = 1000
	for _, c := range []struct {
		name string
		new  func() Queue
	}{
		{"NewFIFO(0)", func() Queue { return impl.NewFIFO(0) }},
		{"NewFIFO(-1)", func() Queue { return impl.NewFIFO(-1) }},
		{"NewLIFO(0)", func() Queue { return impl.NewLIFO(0) }},
		{"NewPriority(0, byKey)", func() Queue { return impl.NewPriority(0, byKey) }},
	} {
		q := c.new()
		if got := q.Cap(); got != 0 {
			t.Errorf("Cap() of %s = %d, want 0 (unbounded)", c.name, got)
		}
		for i := range n {
			if err := q.TryPut(i); err != nil {
				t.Fatalf("TryPut number %d on %s = %v, want nil (unbounded)", i+1, c.name, err)
			}
		}
		if got := q.Len(); got != n {
			t.Errorf("Len() of %s = %d after %d TryPuts, want %d", c.name, got, n, n)
		}
	}
}

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
