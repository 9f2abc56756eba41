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

// raceRounds repeats a race between cancellation and a hand-off. Which one a
// waiter sees first depends on the order of the calls and on the scheduler
// (in a bubble, goroutines still run in parallel), and each implementation
// resolves it its own way, so every round accepts either outcome and checks
// only that the item went to exactly one place.
const raceRounds = 64

func cancelledGetNeverSwallowsAnItem(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		q := impl.NewFIFO(4)
		for round := range raceRounds {
			cancelFirst, withSecond := round%2 == 0, round%4 < 2
			getRace(t, q, round, cancelFirst, withSecond)
			if t.Failed() {
				return
			}
		}
	})
}

// getRace queues one Get on the empty q (two if withSecond), then cancels the
// first and puts an item, in the order given, and checks where the item went.
func getRace(t *testing.T, q Queue, round int, cancelFirst, withSecond bool) {
	first := startGet(q)
	calls := []*call{first}
	var second *call
	if withSecond {
		second = startGet(q)
		calls = append(calls, second)
	}
	defer finish(calls...)
	did, v := "TryPut then cancel", 100+round
	if cancelFirst {
		did = "cancel then TryPut"
		first.Cancel()
		fill(t, q, did, v)
	} else {
		fill(t, q, did, v)
		first.Cancel()
	}
	synctest.Wait()
	left, _ := drain(q, 10)
	switch {
	case !first.Returned():
		t.Fatalf("round %d (%s): the cancelled Get neither took item %d nor gave up: %s", round, did, v, first.result())
	case first.Err() == nil && first.v != v:
		t.Fatalf("round %d (%s): the first Get returned %d, want %d or context.Canceled", round, did, first.v, v)
	case first.Err() == nil: // it kept the item
		if second != nil && second.Returned() {
			t.Fatalf("round %d (%s): the first Get returned item %d and the second also returned: %s: the item was delivered twice", round, did, v, second.result())
		}
		if len(left) > 0 {
			t.Fatalf("round %d (%s): the first Get returned item %d and the queue still holds %v: the item was delivered twice", round, did, v, left)
		}
	case !errors.Is(first.Err(), context.Canceled):
		t.Fatalf("round %d (%s): the first Get %s, want item %d or context.Canceled", round, did, first.result(), v)
	case second != nil && !second.got(v):
		t.Fatalf("round %d (%s): the first Get gave up (context.Canceled) but the second, waiting behind it, %s, want item %d: the cancelled Get swallowed it (CPython test_get_cancelled_race); the queue holds %v", round, did, second.result(), v, left)
	case second == nil && !slices.Equal(left, []int{v}):
		t.Fatalf("round %d (%s): the only Get gave up (context.Canceled), but the queue holds %v, want [%d]: the cancelled Get swallowed the item", round, did, left, v)
	}
}

func cancelledPutNeverInserts(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		q := impl.NewFIFO(1)
		for round := range raceRounds {
			putRace(t, q, round, round%2 == 0)
			if t.Failed() {
				return
			}
		}
	})
}

// putRace is CPython's test_put_cancelled_race: on a full queue of one, with
// Puts of a and b waiting, cancel the Put of a and make room, in the order
// given; exactly the items of the Puts that returned nil must come out.
func putRace(t *testing.T, q Queue, round int, cancelFirst bool) {
	base := 10 * round
	fill(t, q, "NewFIFO(1)", base)
	a, b := startPut(q, base+1), startPut(q, base+2)
	defer finish(a, b)
	did := "a Get then cancel Put(a)"
	var got []int
	if cancelFirst {
		did = "cancel Put(a) then a Get"
		a.Cancel()
		got, _ = drain(q, 1)
	} else {
		got, _ = drain(q, 1)
		a.Cancel()
	}
	synctest.Wait()
	b.Cancel() // if b still waits (a kept the slot), it gives up now
	synctest.Wait()
	rest, _ := drain(q, 10)
	got = append(got, rest...)
	want := []int{base}
	for _, p := range []*call{a, b} {
		if !p.Returned() {
			t.Fatalf("round %d (%s): %s after its ctx was cancelled", round, did, p.result())
		}
		if p.Err() == nil {
			want = append(want, p.v)
		} else if !errors.Is(p.Err(), context.Canceled) {
			t.Fatalf("round %d (%s): %s, want nil or context.Canceled", round, did, p.result())
		}
	}
	if !slices.Equal(got, want) {
		t.Fatalf("round %d (%s): Put(%d) returned %v and Put(%d) returned %v, so the items should be %v, but the queue gave %v: a cancelled Put inserted its item, or a Put that returned nil lost it (CPython test_put_cancelled_race)",
			round, did, a.v, a.Err(), b.v, b.Err(), want, got)
	}
}
