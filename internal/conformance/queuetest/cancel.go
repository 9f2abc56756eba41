package queuetest

import (
	"context"
	"errors"
	"slices"
	"testing"
	"testing/synctest"
)

// The rule of every hand-off (docs/katas/queue.md#the-cancellation-rule): a
// waiter whose ctx is done before the Put or Get that would serve it returns
// ctx.Err(), and what it would have had goes to the next live waiter, even
// if the cancelled waiter has not run since; a hand-off that came before the
// cancellation serves it. Inside a bubble, "before" is exact: the property
// cancels, then makes the hand-off, before the bubble can run anything else
// that decides. The cancelled waiter's goroutine may still run in parallel
// and leave first, so a queue that breaks the rule is caught in most rounds,
// not all, and each property plays many; a queue that keeps it passes every
// round.

// rounds repeats each ordering of a cancellation and a hand-off.
const rounds = 32

func cancelledGetNeverSwallowsAnItem(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		q := impl.NewFIFO(4)
		for round := range 2 * rounds {
			cancelFirst, withSecond := round%2 == 0, round%4 < 2
			getRace(t, q, round, cancelFirst, withSecond)
			if t.Failed() {
				return
			}
		}
	})
}

// getRace queues one Get on the empty q (two if withSecond), then cancels the
// first and puts an item, in the order given, and checks where the item went:
// to the first Get if the TryPut came first, else to the second Get or, if
// there is none, into the queue.
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
	case !cancelFirst && !first.got(v):
		t.Fatalf("round %d (TryPut then cancel): the first Get %s, want item %d: TryPut handed it over before the cancellation, so it was the Get's (CPython test_get_cancelled_race)", round, first.result(), v)
	case !cancelFirst && (len(left) > 0 || second != nil && second.Returned()):
		t.Fatalf("round %d (TryPut then cancel): the first Get returned item %d, yet the queue holds %v and the second Get %s: the item was delivered twice", round, v, left, second.result())
	case cancelFirst && !errors.Is(first.Err(), context.Canceled):
		t.Fatalf("round %d (cancel then TryPut): the first Get %s, want context.Canceled: its ctx was done before the TryPut, so the item is not its to take", round, first.result())
	case cancelFirst && second != nil && !second.got(v):
		t.Fatalf("round %d (cancel then TryPut): the first Get gave up but the second, waiting behind it, %s, want item %d; the queue holds %v (CPython test_get_cancelled_race)", round, second.result(), v, left)
	case cancelFirst && second == nil && !slices.Equal(left, []int{v}):
		t.Fatalf("round %d (cancel then TryPut): the only Get gave up, but the queue holds %v, want [%d]: the cancelled Get swallowed the item", round, left, v)
	}
}

func cancelledPutNeverInserts(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		q := impl.NewFIFO(1)
		for round := range 2 * rounds {
			putRace(t, q, round, round%2 == 0)
			if t.Failed() {
				return
			}
		}
	})
}

// putRace is CPython's test_put_cancelled_race: on a full queue of one, with
// Puts of a and b waiting, cancel the Put of a and make room, in the order
// given. If the Get came first, a is let in and b waits; if the cancellation
// came first, a returns ctx.Err() and b is let in. Exactly the items of the
// Puts that returned nil must come out.
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
	switch {
	case cancelFirst && (!errors.Is(a.Err(), context.Canceled) || !b.Succeeded()):
		t.Fatalf("round %d (%s): %s and %s, want context.Canceled and nil: Put(%d) gave up before the Get made room, so the slot goes to the next live Put (CPython test_put_cancelled_race)", round, did, a.result(), b.result(), a.v)
	case !cancelFirst && (!a.Succeeded() || b.Returned()):
		t.Fatalf("round %d (%s): %s and %s, want nil for Put(%d), which the Get let in before the cancellation, and Put(%d) still waiting", round, did, a.result(), b.result(), a.v, b.v)
	}
	b.Cancel() // if b still waits (a was let in), it gives up now
	synctest.Wait()
	rest, _ := drain(q, 10)
	got = append(got, rest...)
	want := []int{base}
	for _, p := range []*call{a, b} {
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

func cancelBeforeHandOffWins(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		for round := range rounds {
			// Odd rounds hand off through Put and Get, even ones through
			// TryPut and TryGet; none of them waits here.
			blocking := round%2 == 1
			deadGettersSkipped(t, impl, round, blocking)
			deadPuttersSkipped(t, impl, round, blocking)
			if t.Failed() {
				return
			}
		}
	})
}

// deadGettersSkipped: three Gets wait on an empty NewFIFO(2); the second and
// then the first are cancelled, and 1 and 2 are put at once. The third Get
// must have 1, and 2 must be in the queue.
func deadGettersSkipped(t *testing.T, impl Impl, round int, blocking bool) {
	q := impl.NewFIFO(2)
	gs := []*call{startGet(q), startGet(q), startGet(q)}
	defer finish(gs...)
	gs[1].Cancel()
	gs[0].Cancel()
	put := q.TryPut
	if blocking {
		put = func(v int) error { return q.Put(context.Background(), v) }
	}
	for _, v := range []int{1, 2} {
		if err := put(v); err != nil {
			t.Fatalf("round %d: putting %d in a NewFIFO(2) with three Gets waiting, the first two cancelled = %v, want nil", round, v, err)
		}
	}
	n := q.Len()
	synctest.Wait()
	for i, g := range gs[:2] {
		if !errors.Is(g.Err(), context.Canceled) {
			t.Fatalf("round %d: Get %d of 3 was cancelled before 1 and 2 were put: %s, want context.Canceled: an item handed to a Get that gave up is lost to its caller", round, i, g.result())
		}
	}
	if !gs[2].got(1) || n != 1 {
		t.Fatalf("round %d: three Gets waited, the first two were cancelled, then 1 and 2 were put: the third %s and Len() = %d, want it to return 1 and Len() 1: each item goes to the next live Get, or into the queue", round, gs[2].result(), n)
	}
	if left, _ := drain(q, 10); !slices.Equal(left, []int{2}) {
		t.Fatalf("round %d: after 1 went to the one live Get, the queue gave %v, want [2]", round, left)
	}
}

// deadPuttersSkipped: Puts of 1, 2 and 3 wait on a NewFIFO(1) holding 0; the
// Puts of 2 and then 1 are cancelled, and 0 is got. 3 must be let in, and
// neither 1 nor 2 ever come out.
func deadPuttersSkipped(t *testing.T, impl Impl, round int, blocking bool) {
	q := impl.NewFIFO(1)
	fill(t, q, "NewFIFO(1)", 0)
	ps := []*call{startPut(q, 1), startPut(q, 2), startPut(q, 3)}
	defer finish(ps...)
	ps[1].Cancel()
	ps[0].Cancel()
	get := q.TryGet
	if blocking {
		get = func() (int, error) { return q.Get(context.Background()) }
	}
	got := []int{}
	if v, err := get(); err == nil {
		got = append(got, v)
	}
	full := q.TryPut(9) // the slot is Put(3)'s, though it has not run
	synctest.Wait()
	for i, p := range ps[:2] {
		if !errors.Is(p.Err(), context.Canceled) {
			t.Fatalf("round %d: Put(%d) was cancelled before a Get made room: %s, want context.Canceled and its item left out", round, i+1, p.result())
		}
	}
	if !ps[2].Succeeded() || full == nil {
		t.Fatalf("round %d: Puts of 1, 2, 3 waited on a full NewFIFO(1), the first two were cancelled, then a Get made room: Put(3) %s and a TryPut(9) right after = %v, want nil and ErrFull: the slot goes to the next live Put", round, ps[2].result(), full)
	}
	rest, _ := drain(q, 10)
	if got = append(got, rest...); !slices.Equal(got, []int{0, 3}) {
		t.Fatalf("round %d: the queue gave %v, want [0 3]: the items of the cancelled Puts must never enter it", round, got)
	}
}

func doneCtxFailsAtEntry(t *testing.T, impl Impl) {
	q := impl.NewFIFO(4)
	cancelled, cancel := context.WithCancel(t.Context())
	cancel()
	expired := expiredCtx(t)
	fill(t, q, "NewFIFO(4)", 1)
	for range 16 { // a select on a ready channel and a done ctx picks at random
		for _, c := range []struct {
			ctx  context.Context
			want error
		}{{cancelled, context.Canceled}, {expired, context.DeadlineExceeded}} {
			if err := q.Put(c.ctx, 2); !errors.Is(err, c.want) {
				t.Fatalf("Put with a ctx done before the call, on a queue with room, = %v, want %v", err, c.want)
			}
			if v, err := q.Get(c.ctx); !errors.Is(err, c.want) {
				t.Fatalf("Get with a ctx done before the call, on a queue holding an item, = (%d, %v), want %v", v, err, c.want)
			}
		}
	}
	if got, _ := drain(q, 10); !slices.Equal(got, []int{1}) {
		t.Errorf("after Puts and Gets with done ctxs on a queue holding [1], it holds %v, want [1]", got)
	}
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
		ctx := timeoutCtx(t)
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
