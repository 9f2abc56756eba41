package gathertest

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/conckata/conckata/internal/bubble"
)

func resultsInArgumentOrder(t *testing.T, impl Impl) {
	shuffled := rand.New(rand.NewPCG(6, 1)).Perm(100)
	for _, finish := range [][]int{{5, 1, 4, 2, 3}, {3, 2, 1}, shuffled} {
		synctest.Test(t, func(t *testing.T) {
			fns := make([]Func, len(finish))
			want := make([]int, len(finish))
			wantAll := make([]Result, len(finish))
			for i, s := range finish {
				fns[i] = succeedAfter(time.Duration(s+1)*time.Second, 10*i)
				want[i] = 10 * i
				wantAll[i] = Result{Value: 10 * i}
			}
			order := fmt.Sprint(finish)
			if len(finish) > 10 {
				order = "in a shuffled order"
			}
			got, err := impl.Gather(context.Background(), fns...)
			if err != nil || !slices.Equal(got, want) {
				t.Errorf("Gather of %d functions returning 0, 10, 20... and finishing %s returned %v, %v; want %v, nil: results in argument order, not completion order",
					len(fns), order, brief(got), err, brief(want))
			}
			all := impl.GatherAll(context.Background(), fns...)
			if !slices.Equal(all, wantAll) {
				t.Errorf("GatherAll of %d functions returning 0, 10, 20... and finishing %s returned %v; want %v: results in argument order, not completion order",
					len(fns), order, brief(all), brief(wantAll))
			}
		})
	}
}

func allRunAtOnce(t *testing.T, impl Impl) {
	const n = 100
	// Function i takes 1s + i ms, so that they also finish in argument order.
	slowest := time.Second + (n-1)*time.Millisecond
	bodies := func() []Func {
		fns := make([]Func, n)
		for i := range fns {
			fns[i] = succeedAfter(time.Second+time.Duration(i)*time.Millisecond, i)
		}
		return fns
	}
	for _, name := range []string{"Gather", "GatherAll"} {
		synctest.Test(t, func(t *testing.T) {
			tr := newTrace()
			fns := tr.fns(bodies()...)
			if name == "Gather" {
				if _, err := impl.Gather(context.Background(), fns...); err != nil {
					t.Fatalf("Gather of %d functions that succeed returned %v, want nil", n, err)
				}
			} else {
				impl.GatherAll(context.Background(), fns...)
			}
			if d := tr.elapsed(); d != slowest {
				t.Errorf("%s of %d functions taking 1s to %v each returned after %v, want %v: they must all run at once, not one after another", name, n, slowest, d, slowest)
			}
			if late := tr.lateStarts(); len(late) > 0 {
				t.Errorf("%s of %d functions started %s, want every function started at once (at 0s)", name, n, strings.Join(late[:min(3, len(late))], ", "))
			}
		})
	}
}

func zeroFunctionsReturnAtOnce(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		done, cancel := context.WithCancel(context.Background())
		cancel()
		for _, c := range []struct {
			name string
			ctx  context.Context
		}{{"ctx", context.Background()}, {"a cancelled ctx", done}} {
			start := time.Now()
			got, err := impl.Gather(c.ctx)
			if got == nil || len(got) != 0 || err != nil {
				t.Errorf("Gather with %s and no functions returned %#v, %v; want []int{}, nil: an empty, non-nil slice, as asyncio.gather() returns [] (a nil slice means failure)", c.name, got, err)
			}
			all := impl.GatherAll(c.ctx)
			if all == nil || len(all) != 0 {
				t.Errorf("GatherAll with %s and no functions returned %#v; want an empty, non-nil slice", c.name, all)
			}
			if d := time.Since(start); d != 0 {
				t.Errorf("Gather and GatherAll with %s and no functions took %v, want them to return at once", c.name, d)
			}
		}
	})
}

func nilFunctionPanics(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		var called atomic.Int64
		fn := func(context.Context) (int, error) {
			called.Add(1)
			return 1, nil
		}
		// The same calls without the nil function work: the panic is about it.
		if v := bubble.Panics(func() { impl.Gather(context.Background(), fn, fn) }); v != nil {
			t.Fatalf("Gather(ctx, fn, fn) panicked with %v, want [1 1], nil", v)
		}
		if v := bubble.Panics(func() { impl.GatherAll(context.Background(), fn, fn) }); v != nil {
			t.Fatalf("GatherAll(ctx, fn, fn) panicked with %v, want [{1 <nil>} {1 <nil>}]", v)
		}
		for _, c := range []struct {
			name string
			call func()
		}{
			{"Gather(ctx, fn, nil)", func() { impl.Gather(context.Background(), fn, nil) }},
			{"GatherAll(ctx, fn, nil, fn)", func() { impl.GatherAll(context.Background(), fn, nil, fn) }},
		} {
			called.Store(0)
			var v any
			call := bubble.Start(c.name, func(context.Context) error {
				v = bubble.Panics(c.call)
				return nil
			})
			if !call.Returned() {
				t.Fatalf("%s blocked, want a panic at once", c.name)
			}
			msg, ok := v.(string)
			if !ok || !strings.HasPrefix(msg, "gather: ") {
				t.Errorf(`%s panicked with %#v, want a string starting with "gather: " (a caller bug)`, c.name, v)
			}
			if n := called.Load(); n > 0 {
				t.Errorf("%s called the valid functions %d times before panicking, want none called: check every function before starting any", c.name, n)
			}
		}
	})
}

// brief shortens a long slice in a failure message.
func brief[E any](s []E) string {
	if s == nil {
		return "nil"
	}
	if len(s) <= 10 {
		return fmt.Sprint(s)
	}
	return fmt.Sprintf("%v ... (%d in all)", s[:10], len(s))
}
