package harness

import (
	"testing"
)

// TestHuntRunsTheLearnersTestInstead checks that, in a hunt check, Run and
// CatchMutants hand their implementation to the registered hunt test and run
// no property; and that without HuntEnv the hunt test changes nothing.
func TestHuntRunsTheLearnersTestInstead(t *testing.T) {
	if inChild() {
		toy.run(t, impl(func() *good { return new(good) }), nil)
		return
	}
	var got []int
	Hunt(func(t *testing.T, im toyImpl) {
		c := im.new()
		c.Inc()
		got = append(got, c.Get())
	})
	defer Hunt(nil)
	if _, ok := hunting[toyImpl](); ok {
		t.Fatalf("hunting without %s set", HuntEnv)
	}
	t.Setenv(HuntEnv, "1")
	toy.Run(t, impl(func() *good { return new(good) }))
	toy.CatchMutants(t, []Mutant[toyImpl]{{Name: "off-by-one", Bug: "Get reports one too many", Impl: impl(func() *offByOne { return new(offByOne) })}})
	if want := []int{1, 2}; len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("the hunt test saw Get() = %v, want %v: once on the implementation, once on the mutant", got, want)
	}
	if _, ok := hunting[int](); ok {
		t.Errorf("a hunt test for toyImpl was taken for a suite of another Impl")
	}
}
