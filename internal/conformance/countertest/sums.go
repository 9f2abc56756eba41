package countertest

import (
	"math/rand/v2"
	"testing"
)

// sumsExactly runs storms of Adds whose deltas are drawn from a seeded
// source: many small storms of varied mixes, then a long one, in which a
// plain n += delta loses updates even without the race detector.
func sumsExactly(t *testing.T, impl Impl) {
	const storms, addsPerStorm, longStorm = 60, 4000, 1_000_000
	eachType(t, impl, func(t *testing.T, ty Type) {
		r := rand.New(rand.NewPCG(10, 1))
		for i := range storms + 1 {
			goroutines, adds := 2+r.IntN(7), addsPerStorm
			if i == storms {
				goroutines, adds = 8, longStorm
			}
			plans := make([][]int64, goroutines)
			for g := range plans {
				plans[g] = make([]int64, 1+r.IntN(16))
				for j := range plans[g] {
					plans[g][j] = drawDelta(r)
				}
			}
			checkSum(t, ty, plans, adds)
		}
	})
}

// drawDelta draws a delta: mostly small, some large, both signs and zero.
func drawDelta(r *rand.Rand) int64 {
	switch r.IntN(3) {
	case 0:
		return 1
	case 1:
		return r.Int64N(7) - 3
	default:
		return r.Int64N(1<<41) - 1<<40
	}
}

// checkSum has one goroutine per plan Add the plan's deltas over and over,
// about adds Adds in all, and fails t unless Load then returns their sum.
func checkSum(t *testing.T, ty Type, plans [][]int64, adds int) {
	t.Helper()
	c := ty.New()
	var want, made int64
	var fns []func()
	for _, plan := range plans {
		reps := max(1, adds/len(plans)/len(plan))
		for _, d := range plan {
			want += d * int64(reps)
		}
		made += int64(reps * len(plan))
		fns = append(fns, func() {
			for range reps {
				for _, d := range plan {
					c.Add(d)
				}
			}
		})
	}
	if !together(fns...) {
		t.Fatal(stuck(ty, "the goroutines making Adds"))
	}
	if got := c.Load(); got != want {
		t.Fatalf("%s: %d goroutines made %d Adds at once, the deltas summing to %d; then Load() = %d, want %d (off by %d: updates were lost, or Load misses some)",
			ty.Name, len(plans), made, want, got, want, got-want)
	}
}

func zeroValueReady(t *testing.T, impl Impl) {
	const rounds, adderCount, addsEach = 100, 8, 10
	eachType(t, impl, func(t *testing.T, ty Type) {
		if got := ty.New().Load(); got != 0 {
			t.Fatalf("%s: Load() on a new zero value = %d, want 0", ty.Name, got)
		}
		for range rounds {
			c := ty.New()
			var early int64 // what a Load racing the first Adds saw
			fns := append(adders(c, adderCount, addsEach), func() { early = c.Load() })
			if !together(fns...) {
				t.Fatal(stuck(ty, "the first Adds of a zero value"))
			}
			if early < 0 || early > adderCount*addsEach {
				t.Fatalf("%s: a Load racing the first Adds(1) of a zero value returned %d, want 0..%d", ty.Name, early, adderCount*addsEach)
			}
			if got := c.Load(); got != adderCount*addsEach {
				t.Fatalf("%s: %d goroutines made the first Adds of a zero value at once, %d Add(1) each; then Load() = %d, want %d (Adds lost while the zero value was being set up?)",
					ty.Name, adderCount, addsEach, got, adderCount*addsEach)
			}
		}
	})
}
