package executortest

import (
	"context"
	"errors"
	"slices"
	"testing"
	"testing/synctest"
	"time"
)

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
