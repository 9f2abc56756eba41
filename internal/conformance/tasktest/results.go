package tasktest

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"testing/synctest"

	"github.com/conckata/conckata/internal/bubble"
)

// ctxKey is the key of a value the test puts in Go's ctx.
type ctxKey struct{}

func goStartsAtOnce(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		parent, cancelParent := context.WithCancel(context.WithValue(context.Background(), ctxKey{}, "from Go's ctx"))
		defer cancelParent()
		g := newGate()
		defer g.open()
		var seen any
		var task Task
		goCall := bubble.Start("Go", func(context.Context) error {
			task = impl.Go(parent, func(ctx context.Context) (int, error) {
				seen = ctx.Value(ctxKey{})
				select {
				case <-ctx.Done():
					return 0, ctx.Err()
				case <-g.ch:
					return 0, errGaveUp
				}
			})
			return nil
		})
		if !goCall.Returned() {
			g.open()
			synctest.Wait()
			t.Fatalf("Go blocked while its fn was running, want it to return the Task at once and run fn in a goroutine of its own")
		}
		if isDone(task) {
			t.Fatalf("Done() was closed while fn was still running, want it open until fn returns")
		}
		cancelParent()
		synctest.Wait()
		if !isDone(task) {
			t.Fatalf("cancelling Go's ctx did not cancel fn's ctx (fn still waits for it), want fn's ctx derived from Go's")
		}
		v, err := task.Result()
		if !errors.Is(err, context.Canceled) || v != 0 {
			t.Errorf("Result() = (%d, %v) after Go's ctx was cancelled and fn returned ctx.Err(), want (0, context.Canceled)", v, err)
		}
		if seen != "from Go's ctx" {
			t.Errorf("fn's ctx.Value(key) = %v, want %q: fn's ctx must carry the values of Go's ctx", seen, "from Go's ctx")
		}
	})
}

func goNilFunctionPanics(t *testing.T, impl Impl) {
	ok := impl.Go(context.Background(), func(context.Context) (int, error) { return 1, nil })
	if v, err := ok.Wait(context.Background()); v != 1 || err != nil {
		t.Fatalf("Wait on a task whose fn returned (1, <nil>) = (%d, %v), want (1, <nil>)", v, err)
	}
	v := bubble.Panics(func() { impl.Go(context.Background(), nil) })
	if v == nil {
		t.Fatalf(`Go(ctx, nil) did not panic, want a panic "task: ..." (a nil function is a caller bug)`)
	}
	if s := fmt.Sprint(v); !strings.HasPrefix(s, "task: ") {
		t.Errorf(`Go(ctx, nil) panicked with %q, want a message starting "task: "`, s)
	}
}

func resultAfterDone(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		for _, want := range []struct {
			v   int
			err error
		}{{7, nil}, {3, errBoom}, {0, errBoom}} {
			g := newGate()
			var j job
			task := impl.Go(context.Background(), j.ignoring(g, want.v, want.err))
			synctest.Wait()
			if isDone(task) {
				g.open()
				t.Fatalf("Done() was closed while fn was blocked, want it open until fn returns")
			}
			if v, err := task.Result(); v != 0 || !errors.Is(err, impl.ErrNotDone) {
				g.open()
				t.Fatalf("Result() = (%d, %v) while fn was blocked, want (0, ErrNotDone) at once", v, err)
			}
			g.open()
			synctest.Wait()
			if !isDone(task) {
				t.Fatalf("Done() still open after fn returned (%d, %v), want it closed", want.v, want.err)
			}
			for i := range 2 {
				if v, err := task.Result(); v != want.v || err != want.err {
					t.Fatalf("Result() call %d = (%d, %v) after fn returned (%d, %v), want exactly that", i+1, v, err, want.v, want.err)
				}
			}
		}
	})
}

func waitReturnsResult(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		g := newGate()
		defer g.open()
		var j job
		task := impl.Go(context.Background(), j.ignoring(g, 7, nil))
		var waits []*call
		for range 3 {
			waits = append(waits, start("Wait", task, task.Wait))
		}
		for i, w := range waits {
			if w.Returned() {
				t.Fatalf("Wait %d of 3 returned (%d, %v) while fn was still running, want it to block until fn returns", i+1, w.value, w.Err())
			}
		}
		g.open()
		synctest.Wait()
		for i, w := range waits {
			if !w.Returned() || w.value != 7 || w.Err() != nil {
				t.Errorf("after fn returned (7, <nil>), %v (waiter %d of 3), want (7, <nil>)", w, i+1)
			}
		}
		done, cancel := context.WithCancel(context.Background())
		cancel()
		for range 16 { // a select on a closed Done and a done ctx picks at random
			if v, err := task.Wait(done); v != 7 || err != nil {
				t.Fatalf("Wait with a cancelled ctx on a done task = (%d, %v), want (7, <nil>): a done task's result beats a done ctx", v, err)
			}
		}
	})
}
