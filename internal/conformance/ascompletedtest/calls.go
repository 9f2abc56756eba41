package ascompletedtest

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/conckata/conckata/internal/bubble"
	"github.com/conckata/conckata/internal/taskfake"
)

// errBoom is a failure that functions return, to tell it from anything else.
var errBoom = errors.New("boom")

func rangingAgainRunsAgain(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		tr := newTracker(3)
		seq := impl.AsCompleted(context.Background(), tr.wrap(taskfake.After(10*ms, 0), taskfake.After(20*ms, 1), taskfake.Fail(5*ms, errBoom))...)
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
		fn := tr.wrap(taskfake.After(10*ms, 7))[0]
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

// step is one yield of a loop: what was yielded, and when.
type step struct {
	v   int
	err error
	at  time.Duration // since the loop started, on the bubble's clock
}

func (s step) String() string {
	if s.err != nil {
		return fmt.Sprintf("(%d, %q) at %v", s.v, s.err, s.at)
	}
	return fmt.Sprintf("(%d, nil) at %v", s.v, s.at)
}

func steps(ss []step) string {
	parts := make([]string, len(ss))
	for i, s := range ss {
		parts[i] = s.String()
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// sameSteps reports whether got and want yield the same values and errors at
// the same moments; errors match under errors.Is.
func sameSteps(got, want []step) bool {
	return slices.EqualFunc(got, want, func(g, w step) bool {
		return g.v == w.v && g.at == w.at && (g.err == nil) == (w.err == nil) && (w.err == nil || errors.Is(g.err, w.err))
	})
}

// collect ranges over seq to the end, and returns what was yielded, when, and
// when the loop ended.
func collect(seq iter.Seq2[int, error]) (ss []step, end time.Duration) {
	start := time.Now()
	for v, err := range seq {
		ss = append(ss, step{v, err, time.Since(start)})
	}
	return ss, time.Since(start)
}

// tracker watches the functions of one AsCompleted: how often each was
// called, whether it is running, and when its ctx was first seen done.
type tracker struct {
	start time.Time
	mu    sync.Mutex // protects the fields below
	calls []int
	runs  []int           // calls that have not returned yet
	done  []time.Duration // when the ctx of a running call was done; -1 if never
}

func newTracker(n int) *tracker {
	tr := &tracker{start: time.Now(), calls: make([]int, n), runs: make([]int, n), done: make([]time.Duration, n)}
	for i := range tr.done {
		tr.done[i] = -1
	}
	return tr
}

// wrap returns fns, each wrapped to report its life to tr.
func (tr *tracker) wrap(fns ...Func) []Func {
	wrapped := make([]Func, len(fns))
	for i, fn := range fns {
		wrapped[i] = func(ctx context.Context) (int, error) {
			tr.mu.Lock()
			tr.calls[i]++
			tr.runs[i]++
			tr.mu.Unlock()
			stop := context.AfterFunc(ctx, func() {
				tr.mu.Lock()
				defer tr.mu.Unlock()
				if tr.done[i] < 0 {
					tr.done[i] = time.Since(tr.start)
				}
			})
			defer func() {
				stop()
				tr.mu.Lock()
				defer tr.mu.Unlock()
				tr.runs[i]--
			}()
			return fn(ctx)
		}
	}
	return wrapped
}

// running returns the indexes of the functions still running.
func (tr *tracker) running() []int {
	tr.mu.Lock()
	defer tr.mu.Unlock()
	var r []int
	for i, n := range tr.runs {
		if n > 0 {
			r = append(r, i)
		}
	}
	return r
}

// callCounts returns how often each function was called.
func (tr *tracker) callCounts() []int {
	tr.mu.Lock()
	defer tr.mu.Unlock()
	return append([]int(nil), tr.calls...)
}

// doneAt returns when the ctx of function i was seen done while it ran.
func (tr *tracker) doneAt(i int) (time.Duration, bool) {
	tr.mu.Lock()
	defer tr.mu.Unlock()
	return tr.done[i], tr.done[i] >= 0
}
