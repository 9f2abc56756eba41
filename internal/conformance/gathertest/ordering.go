package gathertest

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/conckata/conckata/internal/taskfake"
)

func resultsInArgumentOrder(t *testing.T, impl Impl) {
	shuffled := rand.New(rand.NewPCG(6, 1)).Perm(100)
	for _, finish := range [][]int{{5, 1, 4, 2, 3}, {3, 2, 1}, shuffled} {
		synctest.Test(t, func(t *testing.T) {
			fns := make([]Func, len(finish))
			want := make([]int, len(finish))
			wantAll := make([]Result, len(finish))
			for i, s := range finish {
				fns[i] = taskfake.Ignore(time.Duration(s+1)*time.Second, 10*i, nil)
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
			fns[i] = taskfake.Ignore(time.Second+time.Duration(i)*time.Millisecond, i, nil)
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
