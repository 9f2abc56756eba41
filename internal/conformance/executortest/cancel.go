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

// errLate is returned by a call that ignores its ctx and fails after errBoom.
var errLate = errors.New("a later error")

// failAt returns a body that fails with errBoom after d for element x, and
// otherwise behaves as other.
func failAt(x int, d time.Duration, other Func) Func {
	return func(ctx context.Context, y int) (int, error) {
		if y == x {
			time.Sleep(d)
			return 0, errBoom
		}
		return other(ctx, y)
	}
}

func mapErrorCancelsTheRest(t *testing.T, impl Impl) {
	// Element 1 fails after 1s while 0 and 2 wait for their ctx: Map must
	// cancel them, start none of 3..9, and return errBoom, not the
	// context.Canceled of the calls it cancelled.
	synctest.Test(t, func(t *testing.T) {
		g, rec := newGates(10), &recorder{}
		m := startMap(t.Context(), impl, 3, elems(10), rec, failAt(1, time.Second, g.untilCancelled))
		defer synctest.Wait()
		defer g.abort()
		time.Sleep(time.Second)
		synctest.Wait()
		const what = "Map(ctx, 3, [0..9], fn) where fn(1) fails after 1s and the others wait for their ctx"
		if !m.Returned() {
			t.Fatalf("%s: 1s later, %s; want it to return boom: the error did not cancel the other calls", what, m.Result())
		}
		if !errors.Is(m.Err(), errBoom) || m.got != nil {
			t.Fatalf("%s = %v, %v; want nil, boom (the first error, not one of the cancelled calls')", what, m.got, m.Err())
		}
		if c := m.atReturn; c.started != 3 || c.finished != 3 || c.sawCancel != 2 {
			t.Fatalf("%s: when Map returned, %d calls had started, %d had returned, %d had seen their ctx done; want 3, 3 and 2 (no call started after the error)", what, c.started, c.finished, c.sawCancel)
		}
	})
	// Element 2 fails after 1s; element 0 ignores its ctx and fails after 3s:
	// Map waits for it, and returns errBoom, the first error in time.
	synctest.Test(t, func(t *testing.T) {
		g, rec := newGates(10), &recorder{}
		late := func(ctx context.Context, x int) (int, error) {
			if x == 0 {
				time.Sleep(3 * time.Second)
				return 0, errLate
			}
			return g.untilCancelled(ctx, x)
		}
		m := startMap(t.Context(), impl, 3, elems(10), rec, failAt(2, time.Second, late))
		defer synctest.Wait()
		defer g.abort()
		const what = "Map(ctx, 3, [0..9], fn) where fn(2) fails after 1s and fn(0) ignores its ctx and fails after 3s"
		time.Sleep(2 * time.Second)
		synctest.Wait()
		if m.Returned() {
			t.Fatalf("%s: after 2s, %s; want it to wait for fn(0), which is still running", what, m.Result())
		}
		time.Sleep(time.Second)
		synctest.Wait()
		if !m.Returned() || !errors.Is(m.Err(), errBoom) {
			t.Fatalf("%s: after 3s, %s; want it to return boom, the first error in time", what, m.Result())
		}
		if c := m.atReturn; c.started != 3 || c.finished != 3 {
			t.Fatalf("%s: when Map returned, %d calls had started and %d had returned; want 3 and 3", what, c.started, c.finished)
		}
	})
}

func streamErrorEndsStream(t *testing.T, impl Impl) {
	// With two workers, element 2 fails at once after 0 and 1 succeeded: the
	// error comes in its place, and nothing after it is read or called.
	synctest.Test(t, func(t *testing.T) {
		rec, in := &recorder{}, &input{n: 10}
		instant := func(_ context.Context, x int) (int, error) { return result(x), nil }
		c := consume(impl.Stream(t.Context(), 2, in.seq, rec.wrap(failAt(2, 0, instant))), 0, rec, in)
		const what = "Stream(ctx, 2, [0..9], fn) where fn(2) fails at once"
		if !c.ended() {
			t.Fatalf("%s: the loop never ends", what)
		}
		want := []pair{{result(0), nil}, {result(1), nil}, {0, errBoom}}
		if got := c.got(); !pairsMatch(got, want) {
			t.Fatalf("%s yielded %v; want %v: the results before the error, then the error in its place, then the end", what, got, want)
		}
		if c.atEnd.started > 4 || c.pulledAt > 4 || c.atEnd.running != 0 {
			t.Fatalf("%s: when the loop ended, %d elements had been read, %d calls had started and %d still ran; want at most 4, 4 (two workers beyond the last result) and 0", what, c.pulledAt, c.atEnd.started, c.atEnd.running)
		}
	})
	// Element 3 fails after 1s; 1 ignores its ctx and succeeds at 2s; 2 waits
	// for its ctx: Stream yields 0 and 1, then errBoom at 2's place.
	synctest.Test(t, func(t *testing.T) {
		g, rec, in := newGates(10), &recorder{}, &input{n: 10}
		body := func(ctx context.Context, x int) (int, error) {
			switch x {
			case 0:
				return result(0), nil
			case 1:
				time.Sleep(2 * time.Second)
				return result(1), nil
			}
			return g.untilCancelled(ctx, x)
		}
		c := consume(impl.Stream(t.Context(), 3, in.seq, rec.wrap(failAt(3, time.Second, body))), 0, rec, in)
		defer synctest.Wait()
		defer g.abort()
		const what = "Stream(ctx, 3, [0..9], fn) where fn(3) fails after 1s, fn(1) ignores its ctx and succeeds after 2s, and fn(2) waits for its ctx"
		time.Sleep(2 * time.Second)
		synctest.Wait()
		if !c.ended() {
			t.Fatalf("%s: after 2s the loop still waits, having yielded %v; the error did not cancel fn(2)", what, c.got())
		}
		want := []pair{{result(0), nil}, {result(1), nil}, {0, errBoom}}
		if got := c.got(); !pairsMatch(got, want) {
			t.Fatalf("%s yielded %v; want %v: the results that succeeded before the first missing one, then the first error in its place", what, got, want)
		}
		if c.atEnd.started != 4 || c.pulledAt != 4 || c.atEnd.running != 0 {
			t.Fatalf("%s: when the loop ended, %d elements had been read, %d calls had started and %d still ran; want 4, 4 and 0 (nothing read after the error)", what, c.pulledAt, c.atEnd.started, c.atEnd.running)
		}
	})
}

// pairsMatch compares yielded pairs, errors by errors.Is.
func pairsMatch(got, want []pair) bool {
	return slices.EqualFunc(got, want, func(g, w pair) bool {
		return g.v == w.v && (g.err == w.err || w.err != nil && errors.Is(g.err, w.err))
	})
}
