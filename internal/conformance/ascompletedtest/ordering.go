package ascompletedtest

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"testing/synctest"
	"time"

	"github.com/conckata/conckata/internal/taskfake"

	"pgregory.net/rapid"
)

const ms = time.Millisecond

func nothingStartsBeforeIteration(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		tr := newTracker(3)
		seq := impl.AsCompleted(context.Background(), tr.wrap(taskfake.After(10*ms, 0), taskfake.After(20*ms, 1), taskfake.After(30*ms, 2))...)
		synctest.Wait()
		if calls := tr.callCounts(); !slices.Equal(calls, []int{0, 0, 0}) {
			for range seq { // let them finish, so that the bubble ends
			}
			t.Fatalf("after AsCompleted(3 functions), before any range over it, the functions had been called %v times, want [0 0 0]: nothing starts until the loop does", calls)
		}
		first := true
		for range seq {
			if calls := tr.callCounts(); first && !slices.Equal(calls, []int{1, 1, 1}) {
				t.Errorf("at the first yield (10ms), the functions had been called %v times, want [1 1 1]: every function starts when the loop starts, all at once", calls)
			}
			first = false
		}
	})
}

func yieldsInCompletionOrder(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		got, end := collect(impl.AsCompleted(context.Background(),
			taskfake.After(40*ms, 0), taskfake.After(10*ms, 1), taskfake.After(30*ms, 2), taskfake.After(20*ms, 3)))
		want := []step{{1, nil, 10 * ms}, {3, nil, 20 * ms}, {2, nil, 30 * ms}, {0, nil, 40 * ms}}
		if !sameSteps(got, want) || end != 40*ms {
			t.Errorf("AsCompleted(fns returning 0 after 40ms, 1 after 10ms, 2 after 30ms, 3 after 20ms) yielded %s and the loop ended at %v, want %s and the end at 40ms: each result as soon as its function returns, in completion order (asyncio.as_completed)", steps(got), end, steps(want))
		}
	})
}

func yieldsEachResultOnce(t *testing.T, impl Impl) {
	rapid.Check(t, func(t *rapid.T) {
		rapid.SyncTest(t, func(t *rapid.T) {
			n := rapid.IntRange(0, 8).Draw(t, "n")
			durations := rapid.SliceOfNDistinct(rapid.IntRange(0, 50), n, n, rapid.ID[int]).Draw(t, "durations (ms)")
			fails := rapid.SliceOfN(rapid.Bool(), n, n).Draw(t, "fails")
			fns := make([]Func, n)
			want := make([]step, n)
			for i, d := range durations {
				at := time.Duration(d) * ms
				if fails[i] {
					err := fmt.Errorf("function %d failed", i)
					fns[i], want[i] = taskfake.Fail(at, err), step{0, err, at}
				} else {
					fns[i], want[i] = taskfake.After(at, 100+i), step{100 + i, nil, at}
				}
			}
			slices.SortFunc(want, func(a, b step) int { return int(a.at - b.at) })
			got, _ := collect(impl.AsCompleted(context.Background(), fns...))
			if !sameSteps(got, want) {
				t.Fatalf("AsCompleted of %d functions (value 100+i, or error \"function i failed\", after the drawn durations) yielded %s, want %s: each result once, as its function returns", n, steps(got), steps(want))
			}
		})
	})
}
