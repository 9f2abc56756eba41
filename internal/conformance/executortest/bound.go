package executortest

import (
	"fmt"
	"runtime"
	"slices"
	"testing"
	"testing/synctest"
)

// procs is the GOMAXPROCS the bound properties set while they check
// workers <= 0: a number no machine's default is likely to equal by chance.
const procs = 5

// boundCases are the worker counts the bound properties try, the most calls
// that may run at once for each, and the input size.
var boundCases = []struct{ workers, want, n int }{{3, 3, 10}, {1, 1, 4}, {0, procs, procs + 3}, {-1, procs, procs + 3}, {8, 4, 4}}

func mapBoundsConcurrency(t *testing.T, impl Impl) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
	for _, tc := range boundCases {
		synctest.Test(t, func(t *testing.T) {
			g, rec := newGates(tc.n), &recorder{}
			m := startMap(t.Context(), impl, tc.workers, elems(tc.n), rec, g.hold)
			defer synctest.Wait()
			defer g.abort()
			what := fmt.Sprintf("Map(ctx, %d, %d elements, fn) with GOMAXPROCS %d", tc.workers, tc.n, procs)
			if !letThroughOneByOne(t, what, tc.want, tc.n, g, rec) {
				return
			}
			if !m.Returned() {
				t.Fatalf("%s: once every call had returned, %s", what, m.Result())
			}
			if m.Err() != nil || !slices.Equal(m.got, wantResults(tc.n)) {
				t.Fatalf("%s = %v, %v; want %v, nil", what, m.got, m.Err(), wantResults(tc.n))
			}
		})
	}
}

func streamBoundsConcurrency(t *testing.T, impl Impl) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
	for _, tc := range boundCases {
		synctest.Test(t, func(t *testing.T) {
			g, rec, in := newGates(tc.n), &recorder{}, &input{n: tc.n}
			c := consume(impl.Stream(t.Context(), tc.workers, in.seq, rec.wrap(g.hold)), 0, rec, in)
			defer synctest.Wait()
			defer g.abort()
			what := fmt.Sprintf("Stream(ctx, %d, %d elements, fn) with GOMAXPROCS %d and a consumer that keeps up", tc.workers, tc.n, procs)
			if !letThroughOneByOne(t, what, tc.want, tc.n, g, rec) {
				return
			}
			if !c.ended() {
				t.Fatalf("%s: once every call had returned, the loop still waits", what)
			}
			if want := pairsOf(wantResults(tc.n)); !slices.Equal(c.got(), want) {
				t.Fatalf("%s yielded %v; want %v", what, c.got(), want)
			}
		})
	}
}

// letThroughOneByOne checks, n times, that exactly min(want, calls left)
// calls run, and lets the one first in input order return. It reports false, after
// failing t, if the count is wrong. It must run in a bubble.
func letThroughOneByOne(t *testing.T, what string, want, n int, g *gates, rec *recorder) bool {
	t.Helper()
	for done := 0; done < n; done++ {
		c := rec.counts()
		if wantNow := min(want, n-done); c.running != wantNow || c.most > want {
			t.Errorf("%s: with %d calls returned and every running call blocked, %d calls run at once (at most %d so far); want exactly %d, never more than %d",
				what, done, c.running, c.most, wantNow, want)
			return false
		}
		x, _ := rec.oldestRunning()
		g.pass(x)
		synctest.Wait()
	}
	return true
}
