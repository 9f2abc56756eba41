package harness

import (
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"
)

func TestMain(m *testing.M) {
	// The hang case below waits for the whole limit; keep it short.
	hangLimit = 3 * time.Second
	Main(m)
}

// counter is the toy kata the harness is tested on.
type counter interface {
	Inc()
	Get() int
}

type toyImpl struct{ new func() counter }

var toy = &Suite[toyImpl]{
	Kata: "toy",
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
	},
}

type good struct {
	mu sync.Mutex
	n  int
}

func (c *good) Inc()     { c.mu.Lock(); c.n++; c.mu.Unlock() }
func (c *good) Get() int { c.mu.Lock(); defer c.mu.Unlock(); return c.n }

type offByOne struct{ good }

func (c *offByOne) Get() int { return c.good.Get() + 1 }

type panicky struct{ good }

func (c *panicky) Inc() { panic("toy: boom") }

type panicElsewhere struct{ good }

func (c *panicElsewhere) Inc() {
	done := make(chan struct{})
	go func() {
		defer close(done)
		panic("toy: boom in a goroutine")
	}()
	<-done
}

type racy struct{ n int }

func (c *racy) Inc()     { c.n++ }
func (c *racy) Get() int { return c.n }

// blockForever is a channel no one ever sends on.
var blockForever = make(chan struct{})

// hangs blocks in Inc on a channel of its own, made where it is constructed:
// inside a synctest bubble that makes the block durable, so a deadlock.
type hangs struct {
	good
	never chan struct{}
}

func newHangs() *hangs { return &hangs{never: make(chan struct{})} }

func (c *hangs) Inc() { <-c.never }

type leaks struct{ good }

func (c *leaks) Inc() {
	c.good.Inc()
	go func() { <-blockForever }()
}

func impl[C counter](f func() C) toyImpl { return toyImpl{new: func() counter { return f() }} }

func TestRunPassesAGoodImplementation(t *testing.T) {
	toy.Run(t, impl(func() *good { return new(good) }))
}

// TestOutcomes feeds the harness broken implementations and checks the one
// line it makes of each kind of failure.
func TestOutcomes(t *testing.T) {
	cases := []struct {
		name, property string
		impl           toyImpl
		want           []string // substrings of Outcome.Got
	}{
		{"message", "counts", impl(func() *offByOne { return new(offByOne) }), []string{"after 2 Incs, Get() = 3, want 2"}},
		{"panic", "counts", impl(func() *panicky { return new(panicky) }), []string{"panic: toy: boom at internal/harness/harness_test.go:"}},
		{"panic-in-goroutine", "counts", impl(func() *panicElsewhere { return new(panicElsewhere) }), []string{"panic: toy: boom in a goroutine at internal/harness/harness_test.go:"}},
		{"hang", "counts", impl(newHangs), []string{"no result within 3s", "blocked"}},
		{"leak", "counts", impl(func() *leaks { return new(leaks) }), []string{"goroutines still running after the property ended", "(first: harness.(*leaks).Inc.func1 at internal/harness/harness_test.go:"}},
		{"message-before-stranding", "fails-then-strands", impl(func() *offByOne { return new(offByOne) }), []string{"after 1 Inc, Get() = 2, want 1 (and goroutines were left blocked)"}},
		{"bubble-deadlock", "in-bubble", impl(newHangs), []string{"deadlock: every goroutine in the test's bubble is blocked", "(first: harness.(*hangs).Inc at internal/harness/harness_test.go:"}},
	}
	if raceEnabled {
		cases = append(cases, struct {
			name, property string
			impl           toyImpl
			want           []string
		}{"race", "concurrent-incs", impl(func() *racy { return new(racy) }), []string{"a data race", "harness_test.go:"}})
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if inChild() {
				toy.run(t, c.impl, nil)
				return
			}
			t.Parallel()
			o := runChild(t.Name() + "/" + c.property)
			if o.Passed {
				t.Fatalf("property %s passed for a broken implementation", c.property)
			}
			for _, w := range c.want {
				if !strings.Contains(o.Got, w) {
					t.Errorf("Got = %q\nwant it to contain %q\ndetail:\n%s", o.Got, w, o.Detail)
				}
			}
			if strings.Contains(o.Got, "\n") {
				t.Errorf("Got has several lines, want one: %q", o.Got)
			}
		})
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
