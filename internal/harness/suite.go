// Package harness runs a kata's conformance suite so that a learner sees one
// line per failing property, never a crashed test binary or an endless hang.
//
// Each property runs in a child process: the test binary re-runs itself with
// -test.run naming that one property, as the standard library's os/exec tests
// do. A panic in any goroutine, a deadlock, a data race or a leaked goroutine
// therefore ends only that child, and the parent turns the child's output into
// a one-line verdict: what was expected, what happened, and where to read more.
// The same mechanism runs the suite against peers (which must pass) and
// mutants (which must fail at least one property).
package harness

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/conckata/conckata/internal/harness/report"
)

// Property is one claim about an implementation, checked on a fresh instance.
type Property[I any] struct {
	// Name is the subtest name and the anchor of the property's heading in the
	// kata's doc page: lower-case words joined by hyphens ("fifo-grant-order").
	Name string
	// Expect says in one sentence what a correct implementation does.
	Expect string
	// Check fails t when impl breaks the property. It runs alone in a child
	// process, so it may crash, deadlock or race without harming the others.
	Check func(t *testing.T, impl I)
}

// Suite is a kata's conformance suite: the properties every implementation of
// the kata's API must have. I is the kata's implementation under test, usually
// a struct of constructors and sentinel errors.
type Suite[I any] struct {
	Kata       string // the kata's name; its doc page is docs/katas/<Kata>.md
	Properties []Property[I]
	// HangLimit is how long a property may stand still (no goroutine
	// running, no CPU used, no stack changing) before it is taken for a hang
	// and fails, naming where the code under test waits; 0 means
	// DefaultHangLimit. A suite whose properties wait, still, for a real
	// clock or another process longer than that declares more. A property
	// that never stands still is stopped after ten hang limits.
	// KATA_HANG_LIMIT, when set, overrides it for every suite.
	HangLimit time.Duration
}

// Peer is a well-known implementation adapted to a kata's API.
type Peer[I any] struct {
	Name string
	Impl I
	// Skip maps a property name to the reason the peer's documented semantics
	// do not include it.
	Skip map[string]string
}

// Mutant is a deliberately broken implementation: one known bug.
type Mutant[I any] struct {
	Name string // lower-case words joined by hyphens
	Bug  string // what is wrong, and where the bug was seen in the wild
	Impl I
}

// Run checks every property of s against impl, one subtest per property, each
// on a fresh instance in a child process. A failing property fails its subtest
// with one line: what was expected, what happened, and the doc page anchor.
// With -v the child's own output follows, trimmed to the useful part.
func (s *Suite[I]) Run(t *testing.T, impl I) {
	t.Helper()
	if f, ok := hunting[I](); ok {
		f(t, impl)
		return
	}
	s.run(t, impl, nil)
}

// CheckPeers runs s against each peer, skipping the properties the peer lists
// with the reason it gives. Every other property must pass.
func (s *Suite[I]) CheckPeers(t *testing.T, peers []Peer[I]) {
	t.Helper()
	for _, p := range peers {
		mustBeName("peer", p.Name)
		for _, name := range slices.Sorted(maps.Keys(p.Skip)) {
			if !slices.ContainsFunc(s.Properties, func(q Property[I]) bool { return q.Name == name }) {
				t.Errorf("harness: peer %s skips %q, which is not a property of %s", p.Name, name, s.Kata)
			}
		}
		t.Run(p.Name, func(t *testing.T) { s.run(t, p.Impl, p.Skip) })
	}
}

// CatchMutants runs s against each mutant and fails unless at least one
// property fails for it. With -v it logs, for each mutant, the properties that
// caught it ("mutant lifo-waiters: caught by fifo-grant-order").
func (s *Suite[I]) CatchMutants(t *testing.T, mutants []Mutant[I]) {
	t.Helper()
	s.checkNames()
	for _, m := range mutants {
		mustBeName("mutant", m.Name)
		t.Run(m.Name, func(t *testing.T) {
			if f, ok := hunting[I](); ok {
				f(t, m.Impl)
				return
			}
			if inChild() {
				s.run(t, m.Impl, nil)
				return
			}
			t.Parallel()
			var caught []string
			for _, p := range s.Properties {
				o := runChild(t.Name()+"/"+p.Name, hangLimit(s.HangLimit), mutantChildArgs...)
				if !o.Passed {
					caught = append(caught, p.Name)
					t.Log(report.CaughtOne(m.Name, p.Name, o.Got))
				}
			}
			if len(caught) == 0 {
				t.Error(report.Survived(m.Name, s.Kata, m.Bug))
				return
			}
			t.Log(report.Caught(m.Name, caught))
		})
	}
}

func (s *Suite[I]) run(t *testing.T, impl I, skip map[string]string) {
	t.Helper()
	s.checkNames()
	for _, p := range s.Properties {
		t.Run(p.Name, func(t *testing.T) {
			if why, ok := skip[p.Name]; ok {
				t.Skip(report.Skipped(why))
			}
			if inChild() {
				checkInChild(t, p, impl, hangLimit(s.HangLimit))
				return
			}
			t.Parallel()
			if o := runChild(t.Name(), hangLimit(s.HangLimit)); !o.Passed {
				fmt.Fprintln(t.Output(), s.verdict(p, o))
				fmt.Fprintln(t.Output(), "    "+report.Repeat(repeatCommand(t.Name(), o.Seed)))
				if testing.Verbose() && o.Detail != "" {
					fmt.Fprintln(t.Output(), indent(o.Detail, "    "))
				}
				t.Fail()
			}
		})
	}
}

// verdict is the one line a learner reads for a failing property.
func (s *Suite[I]) verdict(p Property[I], o Outcome) string {
	return report.Fail(s.Kata, p.Name, p.Expect, o.Got)
}

// checkNames panics on a suite that could not be run reliably: property names
// become -test.run patterns and doc anchors, so they must be plain and unique.
func (s *Suite[I]) checkNames() {
	seen := map[string]bool{}
	for _, p := range s.Properties {
		mustBeName("property", p.Name)
		if seen[p.Name] || p.Expect == "" || p.Check == nil {
			panic(fmt.Sprintf("harness: %s property %q needs a unique name, an Expect and a Check", s.Kata, p.Name))
		}
		seen[p.Name] = true
	}
}

// mustBeName panics unless name can serve as a subtest name, a -test.run
// pattern element and a Markdown heading anchor all at once.
func mustBeName(what, name string) {
	if !validName(name) {
		panic(fmt.Sprintf("harness: %s name %q must be lower-case words joined by '-'", what, name))
	}
}

func validName(name string) bool {
	if name == "" || strings.HasPrefix(name, "-") || strings.HasSuffix(name, "-") {
		return false
	}
	for _, r := range name {
		if !('a' <= r && r <= 'z' || '0' <= r && r <= '9' || r == '-') {
			return false
		}
	}
	return true
}

func indent(s, prefix string) string {
	return prefix + strings.ReplaceAll(s, "\n", "\n"+prefix)
}
