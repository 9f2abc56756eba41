package executortest

import (
	"context"
	"testing"
	"testing/synctest"
	"time"

	"github.com/conckata/conckata/internal/memprobe"
)

// The memory property reads endless elements after warmup, and the live heap
// may grow by at most maxGrowthPerElem bytes per element. A Stream that
// keeps anything per element (a result, a channel, a goroutine) keeps 8
// bytes at the very least and usually over 100; the noise of the measurement
// stays well under 1 byte per element.
const (
	warmup           = 1_000
	endless          = 100_000
	maxGrowthPerElem = 4
)

func instant(_ context.Context, x int) (int, error) { return result(x), nil }

func streamReadsLazily(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		const w = 3
		rec, in := &recorder{}, &input{n: 50, ahead: w + 1}
		s := impl.Stream(t.Context(), w, in.seq, rec.wrap(instant))
		synctest.Wait()
		if in.count() != 0 || rec.counts().started != 0 {
			t.Fatalf("Stream(ctx, %d, [0..49], fn), not iterated yet, has read %d elements and called fn %d times; want 0 and 0", w, in.count(), rec.counts().started)
		}
		given := 0
		for v, err := range s {
			in.give()
			given++
			synctest.Wait() // let the executor read and call as far ahead as it will
			if err != nil || v != result(given-1) {
				t.Fatalf("pair %d of Stream(ctx, %d, [0..49], fn) is (%d, %v); want (%d, nil)", given-1, w, v, err, result(given-1))
			}
			if n := in.count(); n > given+w {
				t.Fatalf("while the loop body of Stream(ctx, %d, [0..49], fn) runs for pair %d, %d elements have been read; want at most %d, %d beyond the one received", w, given-1, n, given+w, w)
			}
			if given == 20 {
				break
			}
		}
		pulled := in.count()
		synctest.Wait()
		if o := in.overrunBy(); o != "" {
			t.Fatalf("Stream(ctx, %d, [0..49], fn) read its input too far ahead: %s; want at most %d elements beyond those received", w, o, w+1)
		}
		if given != 20 || in.count() != pulled {
			t.Fatalf("a loop over Stream(ctx, %d, [0..49], fn) that breaks after 20 pairs received %d, and the input was read %d more times after the loop ended; want 20 and 0", w, given, in.count()-pulled)
		}
	})
}

func streamEndlessInputBoundedMemory(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		const w = 4
		in := &input{n: -1, ahead: w + 1}
		var before uint64
		var grown int64
		given := 0
		for v, err := range impl.Stream(t.Context(), w, in.seq, instant) {
			in.give()
			if err != nil || v != result(given) {
				t.Fatalf("pair %d of Stream(ctx, %d, endless input, fn) is (%d, %v); want (%d, nil)", given, w, v, err, result(given))
			}
			given++
			if given == warmup {
				before = memprobe.LiveHeap()
			}
			if given == warmup+endless {
				grown = int64(memprobe.LiveHeap()) - int64(before)
				break
			}
		}
		if o := in.overrunBy(); o != "" {
			t.Fatalf("Stream(ctx, %d, endless input, fn) read its input too far ahead: %s (the input then ended); want at most %d elements beyond those received", w, o, w+1)
		}
		if given != warmup+endless {
			t.Fatalf("a loop over Stream(ctx, %d, endless input, fn) ended after %d pairs; want it to go on until it breaks after %d", w, given, warmup+endless)
		}
		t.Logf("%d results: live heap grew by %d bytes", endless, grown)
		if grown > endless*maxGrowthPerElem {
			t.Fatalf("Stream(ctx, %d, endless input, fn): the live heap grew by %d bytes over %d results (%d per result), want at most %d per result: the Stream keeps something for every element", w, grown, endless, grown/endless, maxGrowthPerElem)
		}
	})
}

// cleanUp waits for its ctx, then takes one more second to return.
func cleanUp(g *gates) Func {
	return func(ctx context.Context, x int) (int, error) {
		if x == 0 {
			return result(0), nil
		}
		_, err := g.untilCancelled(ctx, x)
		time.Sleep(time.Second)
		return 0, err
	}
}

func breakCancelsAndWaits(t *testing.T, impl Impl) {
	for _, how := range []string{"break", "panic"} {
		synctest.Test(t, func(t *testing.T) {
			const w = 3
			g, rec, in := newGates(10), &recorder{}, &input{n: 10}
			defer synctest.Wait()
			defer g.abort()
			var pulled int
			var start time.Time
			p := func() (p any) {
				defer func() { p = recover() }()
				for range impl.Stream(t.Context(), w, in.seq, rec.wrap(cleanUp(g))) {
					synctest.Wait() // let the other calls start and block
					pulled, start = in.count(), time.Now()
					if how == "panic" {
						panic("stop")
					}
					break
				}
				return nil
			}()
			what := "a loop over Stream(ctx, 3, [0..9], fn) that ends with a " + how + " after the first pair, where fn(0) succeeds and the others wait for their ctx and take 1s more to return"
			if want := map[string]any{"break": nil, "panic": "stop"}[how]; p != want || start.IsZero() {
				t.Fatalf("%s: the loop panicked with %#v after yielding %t; want a first pair, and the panic %#v of its body", what, p, !start.IsZero(), want)
			}
			c, took := rec.counts(), time.Since(start)
			if c.running != 0 || c.sawCancel != c.started-1 || took != time.Second {
				t.Fatalf("%s: when the loop ended, %d s after the %s, %d of %d calls still ran and %d had seen their ctx done; want 1s, 0 and %d: the %s must cancel the calls and wait for them",
					what, took/time.Second, how, c.running, c.started, c.sawCancel, c.started-1, how)
			}
			synctest.Wait()
			if in.count() != pulled || rec.counts().started != c.started {
				t.Fatalf("%s: after the loop ended the input was read %d more times and fn called %d more times; want 0 and 0", what, in.count()-pulled, rec.counts().started-c.started)
			}
		})
	}
}
