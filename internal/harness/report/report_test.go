package report

import (
	"slices"
	"testing"
)

func TestFailRoundTrips(t *testing.T) {
	line := Fail("toy", "counts", "Get returns the number of Incs.", "Get() = 3")
	want := "FAIL counts: expected Get returns the number of Incs; got Get() = 3 (read docs/katas/toy.md#counts)"
	if line != want {
		t.Errorf("Fail =\n%s\nwant\n%s", line, want)
	}
	for _, l := range []string{line, "    " + line, "\t" + line} {
		if p, ok := ParseFail(l); !ok || p != "counts" {
			t.Errorf("ParseFail(%q) = %q, %v; want counts, true", l, p, ok)
		}
	}
	for _, l := range []string{"FAIL", "FAIL\tgithub.com/x\t0.1s", "--- FAIL: TestX/counts (0.00s)", "FAIL two words: x", "ok counts: x"} {
		if p, ok := ParseFail(l); ok {
			t.Errorf("ParseFail(%q) = %q, true; want false", l, p)
		}
	}
}

func TestMutantLinesRoundTrip(t *testing.T) {
	caught := "    mutants_test.go:12: " + Caught("lifo-waiters", []string{"fifo-grant-order", "linearizable"})
	m, ok := ParseMutant(caught)
	if !ok || m.Name != "lifo-waiters" || m.Survived || !slices.Equal(m.CaughtBy, []string{"fifo-grant-order", "linearizable"}) {
		t.Errorf("ParseMutant(%q) = %+v, %v", caught, m, ok)
	}
	if want := "mutant lifo-waiters: caught by fifo-grant-order, linearizable"; m.Line != want {
		t.Errorf("Line = %q, want %q", m.Line, want)
	}
	survivor := "suite.go:9: " + Survived("no-limit", "toy", "Inc ignores the limit (golang/go#1)")
	m, ok = ParseMutant(survivor)
	if !ok || m.Name != "no-limit" || !m.Survived || m.CaughtBy != nil {
		t.Errorf("ParseMutant(%q) = %+v, %v", survivor, m, ok)
	}
	for _, l := range []string{CaughtOne("lifo-waiters", "fifo-grant-order", "got [3 2 1 0]"), "mutant", "no mutant here"} {
		if m, ok := ParseMutant(l); ok {
			t.Errorf("ParseMutant(%q) = %+v, true; want false", l, m)
		}
	}
}

func TestSkippedRoundTrips(t *testing.T) {
	line := "    peers.go:40: " + Skipped("x/sync's Weighted is not FIFO for TryAcquire")
	if r, ok := ParseSkipped(line); !ok || r != "x/sync's Weighted is not FIFO for TryAcquire" {
		t.Errorf("ParseSkipped(%q) = %q, %v", line, r, ok)
	}
	if _, ok := ParseSkipped("--- SKIP: TestPeers/x/y"); ok {
		t.Error("ParseSkipped took a go test SKIP line for a reason")
	}
}
