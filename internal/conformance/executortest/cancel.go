package executortest

import (
	"context"
	"errors"
	"slices"
	"testing"
	"testing/synctest"
	"time"
)

// slow ignores its ctx and takes 300ms.
func slow(_ context.Context, x int) (int, error) {
	time.Sleep(300 * time.Millisecond)
	return result(x), nil
}

func ctxCancelStopsMap(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		rec := &recorder{}
		ctx, cancel := context.WithCancel(t.Context())
		cancel()
		got, err := impl.Map(ctx, 2, elems(5), rec.wrap(instant))
		if got != nil || !errors.Is(err, context.Canceled) || rec.counts().started != 0 {
			t.Fatalf("Map with a cancelled ctx = %v, %v, having called fn %d times; want nil, context.Canceled and no call", got, err, rec.counts().started)
		}
	})
	synctest.Test(t, func(t *testing.T) {
		g, rec := newGates(10), &recorder{}
		m := startMap(t.Context(), impl, 2, elems(10), rec, g.untilCancelled)
		defer synctest.Wait()
		defer g.abort()
		time.Sleep(time.Second)
		m.Cancel()
		synctest.Wait()
		const what = "Map(ctx, 2, [0..9], fn) where fn waits for its ctx, and ctx is cancelled after 1s"
		if !m.Returned() || m.got != nil || !errors.Is(m.Err(), context.Canceled) {
			t.Fatalf("%s: %s with results %v; want nil, context.Canceled at once", what, m.Result(), m.got)
		}
		if c := rec.counts(); c.started != 2 || c.sawCancel != 2 || m.atReturn.finished != 2 {
			t.Fatalf("%s: %d calls started, %d returned before Map did, %d saw their ctx done; want 2, 2, 2 (no call after the cancellation)", what, c.started, m.atReturn.finished, c.sawCancel)
		}
	})
	// Calls that ignore ctx take 300ms each, two at a time: 8 start before
	// the deadline at 1s, none after, and Map returns when the last two end,
	// at 1.2s.
	synctest.Test(t, func(t *testing.T) {
		rec := &recorder{}
		ctx, cancel := context.WithTimeout(t.Context(), time.Second)
		defer cancel()
		m := startMap(ctx, impl, 2, elems(10), rec, slow)
		const what = "Map(ctx, 2, [0..9], fn) where fn ignores ctx and takes 300ms, and ctx expires after 1s"
		time.Sleep(1100 * time.Millisecond)
		synctest.Wait()
		if m.Returned() {
			t.Fatalf("%s: at 1.1s, %s; want it to wait for the two calls still running", what, m.Result())
		}
		time.Sleep(100 * time.Millisecond)
		synctest.Wait()
		if !m.Returned() || m.got != nil || !errors.Is(m.Err(), context.DeadlineExceeded) {
			t.Fatalf("%s: at 1.2s, %s with results %v; want nil, context.DeadlineExceeded", what, m.Result(), m.got)
		}
		if c := m.atReturn; c.started != 8 || c.finished != 8 {
			t.Fatalf("%s: when Map returned, %d calls had started and %d returned; want 8 and 8 (none after the deadline)", what, c.started, c.finished)
		}
	})
}

func ctxCancelStopsStream(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		rec, in := &recorder{}, &input{n: 5}
		ctx, cancel := context.WithCancel(t.Context())
		cancel()
		got := collect(impl.Stream(ctx, 2, in.seq, rec.wrap(instant)))
		if !pairsMatch(got, []pair{{0, context.Canceled}}) || in.count() != 0 || rec.counts().started != 0 {
			t.Fatalf("a loop over Stream with a cancelled ctx yielded %v, read %d elements and called fn %d times; want (0, context.Canceled) alone, and nothing read or called", got, in.count(), rec.counts().started)
		}
	})
	synctest.Test(t, func(t *testing.T) {
		g, rec, in := newGates(10), &recorder{}, &input{n: 10}
		ctx, cancel := context.WithCancel(t.Context())
		defer cancel()
		c := consume(impl.Stream(ctx, 2, in.seq, rec.wrap(g.untilCancelled)), 0, rec, in)
		defer synctest.Wait()
		defer g.abort()
		time.Sleep(time.Second)
		cancel()
		synctest.Wait()
		const what = "a loop over Stream(ctx, 2, [0..9], fn) where fn waits for its ctx, and ctx is cancelled after 1s"
		if !c.ended() {
			t.Fatalf("%s: after the cancellation the loop still waits, having yielded %v", what, c.got())
		}
		if got := c.got(); !pairsMatch(got, []pair{{0, context.Canceled}}) {
			t.Fatalf("%s yielded %v; want (0, context.Canceled), then the end", what, got)
		}
		if c.atEnd.started != 2 || c.atEnd.running != 0 || c.pulledAt != 2 {
			t.Fatalf("%s: when the loop ended %d elements had been read, %d calls started and %d still ran; want 2, 2, 0", what, c.pulledAt, c.atEnd.started, c.atEnd.running)
		}
	})
	synctest.Test(t, func(t *testing.T) {
		rec, in := &recorder{}, &input{n: 10}
		ctx, cancel := context.WithTimeout(t.Context(), time.Second)
		defer cancel()
		c := consume(impl.Stream(ctx, 2, in.seq, rec.wrap(slow)), 0, rec, in)
		time.Sleep(2 * time.Second)
		synctest.Wait()
		const what = "a loop over Stream(ctx, 2, [0..9], fn) where fn ignores ctx and takes 300ms, and ctx expires after 1s"
		if !c.ended() {
			t.Fatalf("%s: at 2s the loop still waits, having yielded %v", what, c.got())
		}
		n := c.atEnd.started
		want := append(pairsOf(wantResults(n)), pair{0, context.DeadlineExceeded})
		if got := c.got(); !pairsMatch(got, want) {
			t.Fatalf("%s yielded %v; want the %d results of the calls started, in order, then (0, context.DeadlineExceeded)", what, got, n)
		}
		if starts := slices.Max(append(rec.startedElems(), -1)); starts >= 8 {
			t.Fatalf("%s: %d calls started, the last one for element %d; want none after the deadline (at most elements 0..7)", what, n, starts)
		}
	})
}
