package executortest

import (
	"context"
	"errors"
	"runtime"
	"slices"
	"sync/atomic"
	"testing"

	"github.com/conckata/conckata/internal/storm"

	"pgregory.net/rapid"
)

func mapStormKeepsOrderAndBound(t *testing.T, impl Impl) {
	// rapid favours small inputs; two large ones make the goroutines overlap.
	mapStorm(t, impl, 10_000, 8, -1)
	mapStorm(t, impl, 10_000, 3, 7_777)
	rapid.Check(t, func(rt *rapid.T) {
		n := rapid.IntRange(0, 2000).Draw(rt, "n")
		workers := rapid.IntRange(1, 8).Draw(rt, "workers")
		mapStorm(rt, impl, n, workers, rapid.IntRange(-1, n-1).Draw(rt, "failAt"))
	})
}

// mapStorm runs Map on n elements with the given workers, fn failing for the
// element failAt (none if -1), and checks what it returns.
func mapStorm(t interface{ Fatalf(string, ...any) }, impl Impl, n, workers, failAt int) {
	var running storm.HighWater
	var calls atomic.Int64
	fn := func(_ context.Context, x int) (int, error) {
		calls.Add(1)
		running.Enter()
		defer running.Leave()
		if x%7 == 0 {
			runtime.Gosched()
		}
		if x == failAt {
			return 0, errBoom
		}
		return result(x), nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), storm.Timeout)
	defer cancel()
	got, err := impl.Map(ctx, workers, elems(n), fn)
	if ctx.Err() != nil {
		t.Fatalf("Map(ctx, %d, %d elements, fn) took over %v", workers, n, storm.Timeout)
	}
	if r := running.Now(); r != 0 {
		t.Fatalf("Map(ctx, %d, %d elements, fn) returned while %d calls still ran", workers, n, r)
	}
	if m := running.Most(); m > int64(workers) {
		t.Fatalf("Map(ctx, %d, %d elements, fn) ran %d calls at once, want at most %d", workers, n, m, workers)
	}
	if failAt >= 0 {
		if got != nil || !errors.Is(err, errBoom) {
			t.Fatalf("Map(ctx, %d, %d elements, fn) where fn(%d) fails = %d results, %v; want nil, boom", workers, n, failAt, len(got), err)
		}
		return
	}
	if err != nil || !slices.Equal(got, wantResults(n)) || calls.Load() != int64(n) {
		t.Fatalf("Map(ctx, %d, %d elements, fn) = %d results, %v after %d calls; want the %d results in input order, nil, after %d calls", workers, n, len(got), err, calls.Load(), n, n)
	}
}
