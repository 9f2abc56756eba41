package gathertest

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"sync/atomic"
	"testing"

	"github.com/conckata/conckata/internal/storm"
	"github.com/conckata/conckata/internal/taskfake"
)

const (
	stormCallers = 8   // goroutines calling Gather or GatherAll at once
	stormRounds  = 100 // calls each
	stormFns     = 32  // functions per call
)

func stormOfGathers(t *testing.T, impl Impl) {
	stuck := fmt.Sprintf("one of the %d callers' %d Gathers and GatherAlls of %d functions never returned, though every function returns once its ctx is done", stormCallers, stormRounds, stormFns)
	storm.Run(t, stormCallers, 6, stuck, func(ctx context.Context, c int, r *rand.Rand) {
		for round := 0; round < stormRounds && ctx.Err() == nil; round++ {
			var err error
			if r.IntN(2) == 0 {
				err = stormGather(ctx, impl, r, round)
			} else {
				err = stormGatherAll(ctx, impl, r, round)
			}
			if err != nil {
				t.Errorf("storm caller %d, round %d: %v", c, round, err)
				return
			}
		}
	})
}

// stormCall is one call of the storm: its functions, which of them fail, and
// how many have returned. Each function writes its own element of wrote, which
// the caller reads after the call: the race detector reports a call that
// returns without synchronising with its functions.
type stormCall struct {
	fns      []Func
	fails    []bool
	wrote    []int
	returned atomic.Int64
}

// newStormCall makes stormFns functions; each fails with probability 1/64
// (half the calls have a failure), yields a few times, and gives up with
// ctx.Err() if its ctx is done.
func newStormCall(r *rand.Rand, round int) *stormCall {
	s := &stormCall{fns: make([]Func, stormFns), fails: make([]bool, stormFns), wrote: make([]int, stormFns)}
	for i := range s.fns {
		s.fails[i] = r.IntN(64) == 0
		yields := r.IntN(4)
		s.fns[i] = func(ctx context.Context) (int, error) {
			defer s.returned.Add(1)
			s.wrote[i] = round
			if err := taskfake.Spin(ctx, yields); err != nil {
				return 0, err
			}
			if s.fails[i] {
				return 0, stormError(i)
			}
			return round*stormFns + i, nil
		}
	}
	return s
}

type stormError int

func (e stormError) Error() string { return fmt.Sprintf("function %d failed", int(e)) }

func (s *stormCall) checkAllReturned(call string, round int) error {
	if n := s.returned.Load(); n != stormFns {
		return fmt.Errorf("%s of %d functions returned while %d of them were still running, want all returned", call, stormFns, stormFns-n)
	}
	for i, w := range s.wrote {
		if w != round {
			return fmt.Errorf("%s returned, but function %d's write is not visible (read %d, want %d)", call, i, w, round)
		}
	}
	return nil
}

func stormGather(ctx context.Context, impl Impl, r *rand.Rand, round int) error {
	s := newStormCall(r, round)
	got, err := impl.Gather(ctx, s.fns...)
	if err := s.checkAllReturned("Gather", round); err != nil {
		return err
	}
	if !slices.Contains(s.fails, true) {
		want := make([]int, stormFns)
		for i := range want {
			want[i] = round*stormFns + i
		}
		if err != nil || !slices.Equal(got, want) {
			return fmt.Errorf("Gather of %d functions, none failing, returned %v, %v; want %v, nil", stormFns, brief(got), err, brief(want))
		}
		return nil
	}
	var failed stormError
	if !errors.As(err, &failed) || !s.fails[failed] || got != nil {
		return fmt.Errorf("Gather of %d functions, some failing, returned %v, %q; want nil and the error of a function that failed (never a sibling's context.Canceled)", stormFns, brief(got), errText(err))
	}
	return nil
}

func stormGatherAll(ctx context.Context, impl Impl, r *rand.Rand, round int) error {
	s := newStormCall(r, round)
	got := impl.GatherAll(ctx, s.fns...)
	if err := s.checkAllReturned("GatherAll", round); err != nil {
		return err
	}
	want := make([]Result, stormFns)
	for i := range want {
		if s.fails[i] {
			want[i] = Result{0, stormError(i)}
		} else {
			want[i] = Result{round*stormFns + i, nil}
		}
	}
	if !slices.Equal(got, want) {
		return fmt.Errorf("GatherAll of %d functions, some failing, returned %v; want %v (a failure cancels nothing)", stormFns, brief(got), brief(want))
	}
	return nil
}
