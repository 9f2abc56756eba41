package countertest

import (
	"runtime"
	"testing"
)

// gomaxprocsChangeIsSafe uses a counter first with one processor, then with
// many. A Sharded counter that fixes its number of shards at first use but
// picks a shard by the current GOMAXPROCS indexes past its shards then
// (puzpuzpuz/xsync#74).
func gomaxprocsChangeIsSafe(t *testing.T, impl Impl) {
	const goroutines, addsEach = 8, 1000
	eachType(t, impl, func(t *testing.T, ty Type) {
		before := runtime.GOMAXPROCS(1)
		defer runtime.GOMAXPROCS(before)
		c := ty.New()
		c.Add(1)
		if got := c.Load(); got != 1 {
			t.Fatalf("%s: Add(1) with GOMAXPROCS=1, then Load() = %d, want 1", ty.Name, got)
		}
		raised := max(16, 4*before)
		runtime.GOMAXPROCS(raised)
		if !together(adders(c, goroutines, addsEach)...) {
			t.Fatal(stuck(ty, "the goroutines making Adds after GOMAXPROCS was raised"))
		}
		if got, want := c.Load(), int64(1+goroutines*addsEach); got != want {
			t.Fatalf("%s: used first with GOMAXPROCS=1, then %d goroutines made %d Add(1) each with GOMAXPROCS=%d; Load() = %d, want %d (xsync#74)",
				ty.Name, goroutines, addsEach, raised, got, want)
		}
	})
}
