package countertest

import (
	"fmt"
	"sync/atomic"
	"testing"
)

func loadsNeverDecrease(t *testing.T, impl Impl) {
	const writers, readers, addsEach = 4, 4, 2000
	eachType(t, impl, func(t *testing.T, ty Type) {
		c := ty.New()
		var want int64
		for i := range 100 {
			d := int64(i % 3)
			c.Add(d)
			want += d
			if got := c.Load(); got != want {
				t.Fatalf("%s: Add(%d) by the only goroutine, then Load() = %d, want %d", ty.Name, d, got, want)
			}
		}

		var writing atomic.Int64 // writers still adding
		writing.Store(writers)
		var fns []func()
		for range writers {
			fns = append(fns, func() {
				defer writing.Add(-1)
				for i := range addsEach {
					c.Add(int64(i % 4))
				}
			})
		}
		drops := make([]string, readers) // each reader's first drop, if any
		for r := range readers {
			fns = append(fns, func() {
				prev := c.Load()
				for writing.Load() > 0 {
					got := c.Load()
					if got < prev && drops[r] == "" {
						drops[r] = fmt.Sprintf("Load() = %d after Load() = %d", got, prev)
					}
					prev = got
				}
			})
		}
		if !together(fns...) {
			t.Fatal(stuck(ty, "the goroutines making Adds and Loads"))
		}
		for _, d := range drops {
			if d != "" {
				t.Fatalf("%s: %d goroutines made Adds of 0..3 while %d others Loaded in a loop; one read %s, want Loads that never go down", ty.Name, writers, readers, d)
			}
		}
	})
}

func raceFree(t *testing.T, impl Impl) {
	eachType(t, impl, func(t *testing.T, ty Type) {
		publishes(t, ty)
		mixedStorm(t, ty)
	})
}

// publishes checks that an Add happens before a Load that sees it: a writer
// stores data[i] and then Adds 1, so a reader that Loads v may read
// data[v-1]. Without that ordering the race detector reports the read, or
// the reader sees a stale element.
func publishes(t *testing.T, ty Type) {
	const n = 1000
	c := ty.New()
	data := make([]int64, n)
	var writing atomic.Bool
	writing.Store(true)
	writer := func() {
		defer writing.Store(false)
		for i := range data {
			data[i] = int64(i + 1)
			c.Add(1)
		}
	}
	problems := make([]string, 2)
	reader := func(r int) func() {
		return func() {
			for more := true; more && problems[r] == ""; {
				more = writing.Load()
				switch v := c.Load(); {
				case v < 0 || v > n:
					problems[r] = fmt.Sprintf("Load() = %d, want 0..%d", v, n)
				case v > 0 && data[v-1] != v:
					problems[r] = fmt.Sprintf("Load() = %d but data[%d] = %d: the write made before the %dth Add is not visible", v, v-1, data[v-1], v)
				}
			}
		}
	}
	if !together(writer, reader(0), reader(1)) {
		t.Fatal(stuck(ty, "a writer and two readers"))
	}
	for _, p := range problems {
		if p != "" {
			t.Fatalf("%s: a goroutine stored data[i] before each Add(1), %d times, while two others Loaded and read data[v-1]; %s", ty.Name, n, p)
		}
	}
}

// mixedStorm has goroutines interleave Adds of both signs with Loads.
func mixedStorm(t *testing.T, ty Type) {
	const goroutines, rounds = 6, 500
	c := ty.New()
	var fns []func()
	for g := range goroutines {
		fns = append(fns, func() {
			for i := range rounds {
				c.Add(int64(g - 2))
				if i%4 == 0 {
					c.Load()
				}
			}
		})
	}
	if !together(fns...) {
		t.Fatal(stuck(ty, "the goroutines making Adds and Loads"))
	}
	want := int64(0)
	for g := range goroutines {
		want += int64(g-2) * rounds
	}
	if got := c.Load(); got != want {
		t.Fatalf("%s: %d goroutines interleaved %d Adds each with Loads; then Load() = %d, want %d", ty.Name, goroutines, rounds, got, want)
	}
}
