package main

import (
	"fmt"
	"strings"
)

// kataOutcome is what a kata's test package came to in one run, in the terms
// the learner reads: properties, a compile error or a crash.
type kataOutcome struct {
	tested  bool          // the run tested the package at all
	passed  bool          // the package passed
	props   []*testResult // the properties, in the order the suite lists them
	compile []string      // the compiler's complaints, if it did not build
	crash   []string      // why the test binary died early, if it did: the panic and what follows
	other   string        // a failure outside the properties (a leak at exit, ...)
}

// outcomeOf reads the outcome of the package at path from res.
func outcomeOf(res *results, path string) kataOutcome {
	p := res.pkg(path)
	if p == nil {
		return kataOutcome{}
	}
	o := kataOutcome{tested: true, passed: p.action == "pass", props: p.grandchildren()}
	if o.compile = res.compileErrors(p); o.compile != nil {
		return o
	}
	o.crash = p.crash()
	if !o.passed && o.crash == nil && o.failing() == 0 {
		o.other = firstMessage(p)
	}
	return o
}

// failing counts the properties that did not pass.
func (o kataOutcome) failing() int {
	n := 0
	for _, t := range o.props {
		if t.action != "pass" {
			n++
		}
	}
	return n
}

// failingNames returns the names of the properties that did not pass, in the
// suite's order.
func (o kataOutcome) failingNames() []string {
	var names []string
	for _, t := range o.props {
		if t.action != "pass" {
			names = append(names, t.base())
		}
	}
	return names
}

// state is the kata's line on the board.
func (o kataOutcome) state() string {
	switch {
	case !o.tested:
		return "no test results (no Go package in its directory?)"
	case o.compile != nil:
		return "does not compile: " + o.compile[0]
	case o.passed:
		return "solved"
	case len(o.props) == 0 && o.crash != nil:
		return "crashes before any property runs: " + o.crash[0]
	case o.failing() > 0:
		s := fmt.Sprintf("%d of %d properties failing", o.failing(), len(o.props))
		if o.crash != nil {
			s += " (then the test binary crashed: " + o.crash[0] + ")"
		}
		return s
	}
	return "fails outside its properties: " + o.other
}

// firstMessage returns the first line that tells why a package failed when
// none of its tests did (goleak at exit, a failing TestMain).
func firstMessage(p *pkgResult) string {
	for _, t := range p.tests {
		if t.action == "fail" {
			if msg := firstOwnLine(t.output); msg != "" {
				return t.name + ": " + msg
			}
		}
	}
	if msg := firstOwnLine(p.output); msg != "" {
		return msg
	}
	return "go test reported FAIL with no message"
}

// firstOwnLine returns the first line that is not go test's framing.
func firstOwnLine(lines []string) string {
	for _, l := range lines {
		if !isFraming(l) {
			return strings.TrimSpace(l)
		}
	}
	return ""
}

// isFraming reports whether a line of go test's output is its own framing
// ("=== RUN", "--- FAIL", "FAIL", "ok", "exit status 1") or blank.
func isFraming(l string) bool {
	t := strings.TrimSpace(l)
	return t == "" || t == "FAIL" || t == "PASS" || strings.HasPrefix(t, "=== ") || strings.HasPrefix(t, "--- ") ||
		strings.HasPrefix(l, "FAIL\t") || strings.HasPrefix(l, "ok  \t") || strings.HasPrefix(t, "exit status ")
}
