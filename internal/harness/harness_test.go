package harness

import (
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"pgregory.net/rapid"
)

func TestMain(m *testing.M) { Main(m) }

// counter is the toy kata the harness is tested on.
type counter interface {
	Inc()
	Get() int
}

type toyImpl struct{ new func() counter }

var toy = &Suite[toyImpl]{
	Kata: "toy",
	// The hang cases below stand still for the whole limit; keep it short.
	HangLimit: time.Second,
	Properties: []Property[toyImpl]{
		{
			Name:   "counts",
			Expect: "Get returns the number of Incs",
			Check: func(t *testing.T, im toyImpl) {
				c := im.new()
				c.Inc()
				c.Inc()
				if got := c.Get(); got != 2 {
					t.Errorf("after 2 Incs, Get() = %d, want 2", got)
				}
			},
		},
		{
			Name:   "concurrent-incs",
			Expect: "concurrent Incs are all counted",
			Check: func(t *testing.T, im toyImpl) {
				c := im.new()
				var wg sync.WaitGroup
				for range 8 {
					wg.Go(c.Inc)
				}
				wg.Wait()
				if got := c.Get(); got != 8 {
					t.Errorf("after 8 concurrent Incs, Get() = %d, want 8", got)
				}
			},
		},
		{
			Name:   "fails-then-strands",
			Expect: "Get returns the number of Incs, even in a bubble",
			Check: func(t *testing.T, im toyImpl) {
				synctest.Test(t, func(t *testing.T) {
					c := im.new()
					c.Inc()
					if got := c.Get(); got != 1 {
						t.Errorf("after 1 Inc, Get() = %d, want 1", got)
						go func() { <-make(chan struct{}) }() // left blocked by the failure
					}
				})
			},
		},
		{
			Name:   "in-bubble",
			Expect: "Inc returns inside a synctest bubble",
			Check: func(t *testing.T, im toyImpl) {
				synctest.Test(t, func(t *testing.T) { im.new().Inc() })
			},
		},
		{
			Name:   "random-counts",
			Expect: "Get returns the number of Incs, for any number",
			Check: func(t *testing.T, im toyImpl) {
				rapid.Check(t, func(rt *rapid.T) {
					c := im.new()
					n := rapid.IntRange(0, 20).Draw(rt, "incs")
					for range n {
						c.Inc()
					}
					if got := c.Get(); got != n {
						rt.Fatalf("after %d Incs, Get() = %d, want %d", n, got, n)
					}
				})
			},
		},
		{
			Name:   "random-in-bubble",
			Expect: "Inc returns inside a synctest bubble, in every random case",
			Check: func(t *testing.T, im toyImpl) {
				rapid.Check(t, func(rt *rapid.T) {
					synctest.Test(t, func(t *testing.T) { im.new().Inc() })
				})
			},
		},
	},
}

func TestRunPassesAGoodImplementation(t *testing.T) {
	toy.Run(t, impl(func() *good { return new(good) }))
}

// TestOutcomes feeds the harness broken implementations and checks the one
// line it makes of each kind of failure.
func TestOutcomes(t *testing.T) {
	leak := "goroutines still running after the property ended (a goroutine leak): "
	stuck := "no progress for 1s, every goroutine blocked (a deadlock, or a missed wake-up): "
	cases := []struct {
		name, property string
		impl           toyImpl
		want           []string // substrings of Outcome.Got
	}{
		{"message", "counts", impl(func() *offByOne { return new(offByOne) }), []string{"after 2 Incs, Get() = 3, want 2"}},
		{"panic", "counts", impl(func() *panicky { return new(panicky) }), []string{"panic: toy: boom at internal/harness/toys_test.go:"}},
		{"panic-in-goroutine", "counts", impl(func() *panicElsewhere { return new(panicElsewhere) }), []string{"panic: toy: boom in a goroutine at internal/harness/toys_test.go:"}},
		{"hang", "counts", impl(newHangs), []string{stuck + "Inc at " + at(t, "toys_test.go", "hangs here") + " waits to receive from a channel"}},
		{"self-deadlock", "counts", impl(func() *selfLock { return new(selfLock) }),
			[]string{stuck + "Inc at " + at(t, "toys_test.go", "locked twice") + " waits for a sync.Mutex already held"}},
		{"self-deadlock-in-bubble", "in-bubble", impl(func() *selfLock { return new(selfLock) }),
			[]string{stuck + "Inc at " + at(t, "toys_test.go", "locked twice") + " waits for a sync.Mutex already held"}},
		{"busy", "counts", impl(func() *spins { return new(spins) }),
			[]string{"no result within 10s, though it never stood still (a busy loop, or far too slow): Inc at " + at(t, "toys_test.go", "spins here") + " is running"}},
		{"leak", "counts", impl(func() *leaks { return new(leaks) }),
			[]string{leak + "Inc.func1 at " + at(t, "toys_test.go", "leaks here") + " waits to receive from a channel that nothing sends on or closes (2 goroutines)"}},
		{"leak-in-bubble", "in-bubble", impl(func() *bubbleLeaks { return new(bubbleLeaks) }),
			[]string{leak + "Inc.func1 at " + at(t, "toys_test.go", "leaks in the bubble here") + " waits to receive from a channel that nothing sends on or closes"}},
		{"message-before-stranding", "fails-then-strands", impl(func() *offByOne { return new(offByOne) }), []string{"after 1 Inc, Get() = 2, want 1 (and goroutines were left blocked)"}},
		{"rapid-failure", "random-counts", impl(func() *offByOne { return new(offByOne) }),
			[]string{"after 0 Incs, Get() = 1, want 0 (in rapid's random case #1, shrunk to the smallest that fails)"}},
		{"rapid-flaky", "random-counts", impl(func() *firstGetLies { return new(firstGetLies) }),
			[]string{"Get() = ", "; then, run again with the same random inputs, it did not fail: the bug depends on the schedule"}},
		{"rapid-bubble-deadlock", "random-in-bubble", impl(func() *bubbleLeaks { return new(bubbleLeaks) }),
			[]string{"deadlock: the property's synctest bubble ended with goroutines still blocked in it", "Inc.func1 at " + at(t, "toys_test.go", "leaks in the bubble here")}},
		{"bubble-deadlock", "in-bubble", impl(newHangs),
			[]string{"deadlock: every goroutine in the test's bubble is blocked, so nothing can ever wake them: Inc at " + at(t, "toys_test.go", "hangs here")}},
	}
	if raceEnabled {
		cases = append(cases, struct {
			name, property string
			impl           toyImpl
			want           []string
		}{"race", "concurrent-incs", impl(func() *racy { return new(racy) }), []string{"a data race", "toys_test.go:"}})
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if inChild() {
				toy.run(t, c.impl, nil)
				return
			}
			t.Parallel()
			o := runChild(t.Name()+"/"+c.property, hangLimit(toy.HangLimit))
			if o.Passed {
				t.Fatalf("property %s passed for a broken implementation", c.property)
			}
			for _, w := range c.want {
				if !strings.Contains(o.Got, w) {
					t.Errorf("Got = %q\nwant it to contain %q\ndetail:\n%s", o.Got, w, o.Detail)
				}
			}
			if strings.HasPrefix(c.name, "rapid-") && o.Seed == "" {
				t.Errorf("rapid found the failure, but the outcome has no seed to repeat it; detail:\n%s", o.Detail)
			}
			if strings.Contains(o.Got, "\n") {
				t.Errorf("Got has several lines, want one: %q", o.Got)
			}
		})
	}
}

// TestVerboseShowsWhereTheImplementationWaits checks that -v's detail of a
// hang starts with the goroutines that wait in the code under test, not the
// testing package's.
func TestVerboseShowsWhereTheImplementationWaits(t *testing.T) {
	if inChild() {
		toy.run(t, impl(func() *selfLock { return new(selfLock) }), nil)
		return
	}
	o := runChild(t.Name()+"/counts", hangLimit(toy.HangLimit))
	first, _, _ := strings.Cut(o.Detail, "\n\n")
	if !strings.Contains(first, at(t, "toys_test.go", "locked twice")) || !strings.HasPrefix(first, "goroutine ") {
		t.Errorf("the detail's first trace is\n%s\nwant the one that waits at the second Lock\nwhole detail:\n%s", first, o.Detail)
	}
}

func TestCatchMutantsCatchesEachBug(t *testing.T) {
	toy.CatchMutants(t, []Mutant[toyImpl]{
		{Name: "off-by-one", Bug: "Get reports one too many", Impl: impl(func() *offByOne { return new(offByOne) })},
		{Name: "panics", Bug: "Inc panics", Impl: impl(func() *panicky { return new(panicky) })},
	})
}

func TestVerdictIsOneTeachingLine(t *testing.T) {
	p := toy.Properties[0]
	got := toy.verdict(p, Outcome{Got: "Get() = 3"})
	want := "FAIL counts: expected Get returns the number of Incs; got Get() = 3 (read docs/katas/toy.md#counts)"
	if got != want {
		t.Errorf("verdict =\n%s\nwant\n%s", got, want)
	}
}

func TestRepeatCommand(t *testing.T) {
	race := ""
	if raceEnabled {
		race = " -race"
	}
	got := repeatCommand("TestQueue/fifo-order", "42")
	want := "go test" + race + " -count=1 -run '^TestQueue$/^fifo-order$' ./internal/harness -rapid.seed=42"
	if got != want {
		t.Errorf("repeatCommand = %q, want %q", got, want)
	}
	if got := repeatCommand("TestQueue/fifo-order", ""); strings.Contains(got, "rapid") {
		t.Errorf("repeatCommand without a seed = %q, want no -rapid flag", got)
	}
}

func TestPattern(t *testing.T) {
	if got, want := pattern("TestX/a-b/c.d"), `^TestX$/^a-b$/^c\.d$`; got != want {
		t.Errorf("pattern = %q, want %q", got, want)
	}
}

func TestBadNamesPanic(t *testing.T) {
	for _, name := range []string{"", "Has Space", "slash/ed", "-lead", "Upper"} {
		func() {
			defer func() {
				if r := recover(); r == nil || !strings.HasPrefix(r.(string), "harness: ") {
					t.Errorf("name %q: recover() = %v, want a harness: panic", name, r)
				}
			}()
			mustBeName("property", name)
		}()
	}
}
