// Package report is the format of the lines the harness writes about a run
// of a suite, which the runner (cmd/kata) reads back from go test's output:
// the one-line verdict of a failing property, the line that says which
// properties caught a mutant or that it survived, and the reason a peer skips
// a property. The harness writes them and the runner parses them with the
// functions here, so that the two cannot drift apart.
//
// It is a package of its own so that the runner can read the lines without
// linking the harness, which imports testing, goleak and rapid.
package report

import (
	"fmt"
	"strings"
)

// Fail returns the verdict on a failing property, the one line a learner
// reads: "FAIL name: expected <expect>; got <got> (read docs/katas/<kata>.md#name)".
// A trailing full stop of expect is dropped.
func Fail(kata, property, expect, got string) string {
	return FailWithout(property, fmt.Sprintf("expected %s; got %s (read docs/katas/%s.md#%s)",
		strings.TrimSuffix(expect, "."), got, kata, property))
}

// FailWithout returns the line for a failing property that has no verdict
// of the harness (its test binary crashed first, or it failed outside the
// harness): "FAIL name: what".
func FailWithout(property, what string) string { return "FAIL " + property + ": " + what }

// ParseFail returns the property that a verdict line is about, and whether
// line, with any indentation, is a verdict line at all.
func ParseFail(line string) (property string, ok bool) {
	rest, ok := strings.CutPrefix(strings.TrimLeft(line, " \t"), "FAIL ")
	if !ok {
		return "", false
	}
	property, _, ok = strings.Cut(rest, ": ")
	if !ok || property == "" || strings.ContainsAny(property, " \t") {
		return "", false
	}
	return property, true
}

// Repeat returns the line, under a verdict, that gives the command that runs
// the failing property again: "repeat: go test -race -count=1 -run ... ./katas/NAME".
func Repeat(command string) string { return repeat + command }

// ParseRepeat finds a Repeat line in line, with any indentation, and returns
// its command.
func ParseRepeat(line string) (command string, ok bool) {
	return strings.CutPrefix(strings.TrimLeft(line, " \t"), repeat)
}

const repeat = "repeat: "

// Caught returns the line that names the properties that caught a mutant:
// "mutant NAME: caught by a, b".
func Caught(mutant string, properties []string) string {
	return "mutant " + mutant + caughtBy + strings.Join(properties, ", ")
}

// Survived returns the line that says no property caught a mutant:
// "mutant NAME survived: no property of KATA fails for it. Bug: BUG".
func Survived(mutant, kata, bug string) string {
	return "mutant " + mutant + survived + "no property of " + kata + " fails for it. Bug: " + bug
}

// CaughtOne returns the line that tells how one property caught a mutant:
// "mutant NAME: PROPERTY: GOT".
func CaughtOne(mutant, property, got string) string {
	return "mutant " + mutant + ": " + property + ": " + got
}

const (
	caughtBy = ": caught by "
	survived = " survived: "
)

// Mutant is what a Caught or Survived line says.
type Mutant struct {
	Name     string
	CaughtBy []string // the properties that caught it; nil if it survived
	Survived bool
	Line     string // the line from "mutant" on, without what came before it
}

// ParseMutant finds a Caught or Survived line in line, which may start with
// what t.Logf puts first ("mutants_test.go:12: "). CaughtOne lines are not
// reported.
func ParseMutant(line string) (Mutant, bool) {
	i := strings.Index(line, "mutant ")
	if i < 0 {
		return Mutant{}, false
	}
	line = line[i:]
	rest := strings.TrimPrefix(line, "mutant ")
	if name, props, ok := strings.Cut(rest, caughtBy); ok && IsName(name) && props != "" {
		return Mutant{Name: name, CaughtBy: strings.Split(props, ", "), Line: line}, true
	}
	if name, _, ok := strings.Cut(rest, survived); ok && IsName(name) {
		return Mutant{Name: name, Survived: true, Line: line}, true
	}
	return Mutant{}, false
}

// Skipped returns the reason a peer skips a property, as the subtest logs
// it: "skipped: REASON".
func Skipped(reason string) string { return skipped + reason }

const skipped = "skipped: "

// ParseSkipped finds a Skipped line in line, which may start with what
// t.Skip puts first, and returns its reason.
func ParseSkipped(line string) (reason string, ok bool) {
	i := strings.Index(line, skipped)
	if i < 0 {
		return "", false
	}
	return line[i+len(skipped):], true
}

// IsName reports whether s is a kebab-case name, as mutants and properties
// have.
func IsName(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !('a' <= r && r <= 'z' || '0' <= r && r <= '9' || r == '-') {
			return false
		}
	}
	return true
}
