package ascompletedtest

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/synctest"

	"github.com/conckata/conckata/internal/bubble"
)

func rangingAgainRunsAgain(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		tr := newTracker(3)
		seq := impl.AsCompleted(context.Background(), tr.wrap(after(10*ms, 0), after(20*ms, 1), failing(5*ms, errBoom))...)
		want := []step{{0, errBoom, 5 * ms}, {0, nil, 10 * ms}, {1, nil, 20 * ms}}
		for round := 1; round <= 2; round++ {
			if got, _ := collect(seq); !sameSteps(got, want) {
				t.Errorf("range number %d over one AsCompleted(fns returning 0 at 10ms, 1 at 20ms, failing at 5ms) yielded %s, want %s: each range runs every function afresh", round, steps(got), steps(want))
			}
		}
		if calls := tr.callCounts(); !slices.Equal(calls, []int{2, 2, 2}) {
			t.Errorf("after two ranges over one AsCompleted, the functions had been called %v times, want [2 2 2]", calls)
		}
	})
}

func noFunctionsYieldsNothing(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		done, cancel := context.WithCancel(context.Background())
		cancel()
		for _, ctx := range []context.Context{context.Background(), done} {
			if got, end := collect(impl.AsCompleted(ctx)); len(got) > 0 || end != 0 {
				t.Errorf("AsCompleted(ctx with Err() = %v) with no functions yielded %s and the loop ended at %v, want nothing, at once", ctx.Err(), steps(got), end)
			}
		}
	})
}

func nilFunctionPanics(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		tr := newTracker(1)
		fn := tr.wrap(after(10*ms, 7))[0]
		v := bubble.Panics(func() { impl.AsCompleted(context.Background(), fn, nil) })
		msg := fmt.Sprint(v)
		if v == nil || !strings.HasPrefix(msg, "ascompleted: ") || !strings.Contains(msg, "nil") {
			t.Fatalf("AsCompleted(fn, nil) panicked with %v, want a panic at the call with an \"ascompleted: ...\" message about the nil function", v)
		}
		synctest.Wait()
		if calls := tr.callCounts(); calls[0] != 0 {
			t.Errorf("AsCompleted(fn, nil) panicked but had called fn %d times, want 0", calls[0])
		}
		if got, _ := collect(impl.AsCompleted(context.Background(), fn)); !sameSteps(got, []step{{7, nil, 10 * ms}}) {
			t.Errorf("AsCompleted(fn returning 7 at 10ms) yielded %s, want (7, nil) at 10ms", steps(got))
		}
	})
}
