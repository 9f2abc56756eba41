package executortest

import (
	"context"
	"slices"
	"testing"
	"testing/synctest"
	"time"
)

// orderWorkers are the worker counts the order properties try.
var orderWorkers = []int{1, 2, 3, 8}

// scrambled takes a duration that depends on x but not in order, so that
// calls started in input order finish in another order.
func scrambled(_ context.Context, x int) (int, error) {
	time.Sleep(time.Duration((x*7+3)%11) * time.Millisecond)
	return result(x), nil
}

func wantResults(n int) []int {
	want := make([]int, n)
	for x := range want {
		want[x] = result(x)
	}
	return want
}

func mapKeepsInputOrder(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		for _, w := range orderWorkers {
			got, err := impl.Map(t.Context(), w, elems(20), scrambled)
			if err != nil || !slices.Equal(got, wantResults(20)) {
				t.Fatalf("Map(ctx, %d, [0..19], fn) with calls finishing out of order = %v, %v; want %v, nil (results in input order)", w, got, err, wantResults(20))
			}
		}
		got, err := impl.Map(t.Context(), 3, nil, scrambled)
		if err != nil || len(got) != 0 {
			t.Fatalf("Map(ctx, 3, nil, fn) = %v, %v; want an empty slice and nil", got, err)
		}
		got, err = impl.Map(t.Context(), 4, elems(1000), func(_ context.Context, x int) (int, error) { return result(x), nil })
		if err != nil || !slices.Equal(got, wantResults(1000)) {
			t.Fatalf("Map(ctx, 4, [0..999], instant fn) = %v, %v; want the results in input order, nil", got, err)
		}
	})
}

func streamKeepsInputOrder(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		for _, w := range orderWorkers {
			in := &input{n: 20}
			got := collect(impl.Stream(t.Context(), w, in.seq, scrambled))
			if want := pairsOf(wantResults(20)); !slices.Equal(got, want) {
				t.Fatalf("Stream(ctx, %d, [0..19], fn) with calls finishing out of order yielded %v; want %v (results in input order, then the end)", w, got, want)
			}
			if in.count() != 20 {
				t.Fatalf("Stream(ctx, %d, [0..19], fn) read %d elements of its input, want 20", w, in.count())
			}
		}
		if got := collect(impl.Stream(t.Context(), 3, slices.Values([]int(nil)), scrambled)); len(got) != 0 {
			t.Fatalf("Stream(ctx, 3, an empty input, fn) yielded %v; want nothing", got)
		}
		got := collect(impl.Stream(t.Context(), 4, slices.Values(elems(1000)), func(_ context.Context, x int) (int, error) { return result(x), nil }))
		if want := pairsOf(wantResults(1000)); !slices.Equal(got, want) {
			t.Fatalf("Stream(ctx, 4, [0..999], instant fn) yielded %d pairs, want the %d results in input order; first difference at %d", len(got), len(want), firstDiff(got, want))
		}
	})
}

// collect runs a whole Stream loop in this goroutine.
func collect(seq func(func(int, error) bool)) []pair {
	var got []pair
	for v, err := range seq {
		got = append(got, pair{v, err})
	}
	return got
}

func pairsOf(results []int) []pair {
	ps := make([]pair, len(results))
	for i, v := range results {
		ps[i] = pair{v: v}
	}
	return ps
}

func firstDiff(a, b []pair) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}
