package ascompletedtest

import (
	"context"
	"iter"
	"testing"
	"testing/synctest"
	"time"

	"github.com/conckata/conckata/internal/taskfake"
)

// cleanupFuncs are the functions the break properties run: one returns 0
// at 10ms, two take 5s and 3s to clean up once cancelled, and one ignores its
// ctx and returns at 1m.
func cleanupFuncs(tr *tracker) []Func {
	return tr.wrap(taskfake.After(10*ms, 0), taskfake.Linger(5*time.Second), taskfake.Linger(3*time.Second), taskfake.Ignore(time.Minute, 3, nil))
}

// checkCancelledAndWaited fails t unless functions 1 and 2 of cleanupFuncs
// saw their ctx done at 10ms and none of them still runs.
func checkCancelledAndWaited(t *testing.T, tr *tracker, what string, end time.Duration) {
	t.Helper()
	if r := tr.running(); len(r) > 0 {
		t.Errorf("%s at 10ms, the loop ended at %v with functions %v still running, want it to end only once all of them had returned (at 1m0s): no goroutine may outlive the loop", what, end, r)
	}
	for i := 1; i <= 2; i++ {
		if at, done := tr.doneAt(i); !done || at != 10*ms {
			t.Errorf("%s at 10ms, the ctx of function %d, still running, was done at %v (done: %v), want it cancelled at 10ms", what, i, at, done)
		}
	}
}

// checkStopAtFirstYield ranges over AsCompleted of cleanupFuncs in a bubble,
// with loop, which ends the loop at its first yield (by a break or a
// panic), and then checks that the functions still running were cancelled
// at that moment and that the loop ended only once all of them had returned.
func checkStopAtFirstYield(t *testing.T, impl Impl, what string, loop func(t *testing.T, seq iter.Seq2[int, error])) {
	synctest.Test(t, func(t *testing.T) {
		// Cancelled at the end, so that the functions of an implementation
		// that neither cancels nor waits still end, and the bubble with them.
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		tr := newTracker(4)
		start := time.Now()
		loop(t, impl.AsCompleted(ctx, cleanupFuncs(tr)...))
		checkCancelledAndWaited(t, tr, what, time.Since(start))
	})
}

func breakCancelsAndWaits(t *testing.T, impl Impl) {
	checkStopAtFirstYield(t, impl, "after a break", func(t *testing.T, seq iter.Seq2[int, error]) {
		start := time.Now()
		var got []step
		for v, err := range seq {
			got = append(got, step{v, err, time.Since(start)})
			break
		}
		if !sameSteps(got, []step{{0, nil, 10 * ms}}) {
			t.Fatalf("the loop broken at its first yield saw %s, want (0, nil) at 10ms", steps(got))
		}
	})
}

type bodyPanic struct{}

func bodyPanicCancelsAndWaits(t *testing.T, impl Impl) {
	checkStopAtFirstYield(t, impl, "after a panic in the loop body", func(t *testing.T, seq iter.Seq2[int, error]) {
		var recovered any
		func() {
			defer func() { recovered = recover() }()
			for range seq {
				panic(bodyPanic{})
			}
		}()
		if recovered != (bodyPanic{}) {
			t.Errorf("the loop body panicked at its first yield, and the panic that came out of the loop was %v, want the body's own", recovered)
		}
	})
}

func ctxDoneYieldsAtOnce(t *testing.T, impl Impl) {
	cases := []struct {
		name  string
		ctx   func() (context.Context, context.CancelFunc)
		brk   bool // break at the first ctx error
		wantN int  // yields wanted
	}{
		{"a deadline of 1s", taskfake.Deadline(time.Second), false, 5},
		{"a cancel at 1s", taskfake.CancelAfter(time.Second), false, 5},
		{"a deadline of 1s, and a break at the first error", taskfake.Deadline(time.Second), true, 2},
	}
	for _, c := range cases {
		synctest.Test(t, func(t *testing.T) {
			ctx, cancel := c.ctx()
			defer cancel()
			tr := newTracker(5)
			fns := tr.wrap(taskfake.After(500*ms, 0), taskfake.After(time.Hour, 1), taskfake.Ignore(10*time.Second, 2, nil), taskfake.Ignore(20*time.Second, 3, nil), taskfake.Linger(30*time.Second))
			start := time.Now()
			var got []step
			for v, err := range impl.AsCompleted(ctx, fns...) {
				got = append(got, step{v, err, time.Since(start)})
				if c.brk && err != nil {
					break
				}
			}
			end := time.Since(start)
			want := []step{{0, nil, 500 * ms}}
			for range c.wantN - 1 {
				want = append(want, step{0, ctx.Err(), time.Second})
			}
			if !sameSteps(got, want) {
				t.Errorf("with %s, AsCompleted(fns returning 0 at 500ms, 1 at 1h unless cancelled, 2 at 10s and 3 at 20s ignoring ctx, and one taking 30s to clean up once cancelled) yielded %s, want (0, nil) at 500ms, then (0, %q) at 1s for each unfinished function, without waiting for them (asyncio's as_completed timeout)", c.name, steps(got), ctx.Err())
			}
			if r := tr.running(); len(r) > 0 || end != 31*time.Second {
				t.Errorf("with %s, the loop ended at %v with functions %v still running, want it to end at 31s, once every function had returned", c.name, end, r)
			}
		})
	}
}

func doneCtxYieldsErrors(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		tr := newTracker(3)
		got, end := collect(impl.AsCompleted(ctx, tr.wrap(taskfake.Ignore(time.Second, 0, nil), taskfake.After(time.Hour, 1), taskfake.Linger(2*time.Second))...))
		want := []step{{0, context.Canceled, 0}, {0, context.Canceled, 0}, {0, context.Canceled, 0}}
		if !sameSteps(got, want) {
			t.Errorf("with a ctx cancelled before the loop, AsCompleted(fns returning 0 at 1s ignoring ctx, 1 at 1h unless cancelled, and one taking 2s to clean up once cancelled) yielded %s, want %s: every unfinished function, at once", steps(got), steps(want))
		}
		if r := tr.running(); len(r) > 0 {
			t.Errorf("with a ctx cancelled before the loop, the loop ended at %v with functions %v still running, want none left", end, r)
		}
	})
}

func errorCancelsNothing(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		tr := newTracker(3)
		got, _ := collect(impl.AsCompleted(context.Background(),
			tr.wrap(taskfake.Fail(10*ms, errBoom), taskfake.After(20*ms, 1), taskfake.After(30*ms, 2))...))
		want := []step{{0, errBoom, 10 * ms}, {1, nil, 20 * ms}, {2, nil, 30 * ms}}
		if !sameSteps(got, want) {
			t.Errorf("AsCompleted(fn failing with %q after 10ms, fns returning 1 after 20ms and 2 after 30ms) yielded %s, want %s: the error in its place, and the others run on (unlike Gather, a failure cancels nothing)", errBoom, steps(got), steps(want))
		}
		for i := 1; i < 3; i++ {
			if at, done := tr.doneAt(i); done {
				t.Errorf("the ctx of function %d was done at %v, while it ran: after function 0 failed at 10ms, want nothing cancelled", i, at)
			}
		}
	})
}
