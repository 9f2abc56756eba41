package main

import (
	"fmt"
	"slices"
	"strings"

	"github.com/conckata/conckata/internal/catalog"
	"github.com/conckata/conckata/internal/harness/report"
)

// checkStub passes when the stub's package fails, every property failing with
// the harness's verdict, and the test binary neither fails to build nor
// crashes: the learner must meet one readable line per property.
func checkStub(k catalog.Kata, res *results) verdict {
	o := outcomeOf(res, catalog.ImportPath(k.Dir()))
	switch {
	case !o.tested:
		return failed("stub: go test found no package in katas/" + k.Name)
	case o.compile != nil:
		return failed("stub does not compile", "stub: "+o.compile[0])
	case o.crash != nil:
		return failed("stub crashes the test binary", "stub: "+o.crash[0])
	case len(o.props) == 0:
		return failed("stub: no property ran", prefixed("stub: ", o.other))
	}
	var passing, unreadable []string
	for _, t := range o.props {
		if t.action != "fail" {
			passing = append(passing, t.base())
		} else if line, _ := t.verdict(); line == "" {
			unreadable = append(unreadable, t.base())
		}
	}
	var notes []string
	if passing != nil {
		notes = append(notes, "stub passes "+strings.Join(passing, ", ")+": a stub must fail every property")
	}
	if unreadable != nil {
		notes = append(notes, "stub fails "+strings.Join(unreadable, ", ")+" without the harness's one-line verdict")
	}
	return verdict{
		ok:      len(notes) == 0,
		summary: fmt.Sprintf("stub fails %d/%d", o.failing(), len(o.props)),
		notes:   notes,
	}
}

// checkReference passes when the reference's package passes, -count=3 times
// over, with at least one property and one runnable example.
func checkReference(k catalog.Kata, res *results) verdict {
	o := outcomeOf(res, catalog.ImportPath(k.SolutionDir()))
	switch {
	case !o.tested:
		return failed("reference: go test found no package in solutions/" + k.Name)
	case o.compile != nil:
		return failed("reference does not compile", "reference: "+o.compile[0])
	case o.crash != nil:
		return failed("reference crashes the test binary", "reference: "+o.crash[0])
	}
	props := distinctBases(o.props)
	examples := examplesOf(res.pkg(catalog.ImportPath(k.SolutionDir())))
	var notes []string
	for _, t := range append(slices.Clone(o.props), examples...) {
		if line := failureLine(t); line != "" && !slices.Contains(notes, "reference "+line) {
			notes = append(notes, "reference "+line)
		}
	}
	if !o.passed && len(notes) == 0 {
		notes = append(notes, "reference fails: "+o.other)
	}
	if len(examples) == 0 {
		notes = append(notes, "reference has no runnable Example (one with an // Output: comment)")
	}
	summary := fmt.Sprintf("reference passes %d (x%d), %s",
		len(props), runs(o.props, props), count(len(distinctBases(examples)), "example"))
	if !o.passed {
		summary = "reference fails"
		if n := len(distinctBases(failedOnly(o.props))); n > 0 {
			summary = fmt.Sprintf("reference fails %d of %d", n, len(props))
		}
	}
	return verdict{ok: o.passed && len(props) > 0 && len(examples) > 0, summary: summary, notes: notes}
}

// examplesOf returns the runs of p's examples.
func examplesOf(p *pkgResult) []*testResult {
	return slices.DeleteFunc(p.children(""), func(t *testResult) bool { return !strings.HasPrefix(t.name, "Example") })
}

// failureLine says in one line why a failed test failed: the harness's
// verdict for a property, the output mismatch for an example. It returns ""
// for a test that passed or was skipped.
func failureLine(t *testResult) string {
	switch {
	case t.action == "pass" || t.action == "skip":
		return ""
	case t.action == "":
		return report.FailWithout(t.base(), "did not finish: the test binary crashed first")
	case strings.HasPrefix(t.name, "Example"):
		return t.name + " fails: its output differs from its // Output: comment"
	}
	if line, _ := t.verdict(); line != "" {
		return line
	}
	return report.FailWithout(t.base(), firstOwnLine(t.output))
}

// failed is a verdict that fails with the given summary and optional notes.
func failed(summary string, notes ...string) verdict {
	return verdict{summary: summary, notes: slices.DeleteFunc(notes, func(n string) bool { return n == "" })}
}

// distinctBases returns the names of tests, each once, in the order first seen.
func distinctBases(tests []*testResult) []string {
	var names []string
	for _, t := range tests {
		if !slices.Contains(names, t.base()) {
			names = append(names, t.base())
		}
	}
	return names
}

// runs is how many times each of names ran among tests (the -count).
func runs(tests []*testResult, names []string) int {
	if len(names) == 0 {
		return 0
	}
	return len(tests) / len(names)
}

func failedOnly(tests []*testResult) []*testResult {
	return slices.DeleteFunc(slices.Clone(tests), func(t *testResult) bool { return t.action == "pass" })
}

// count says how many things there are: "no examples", "1 example", "2 examples".
func count(n int, thing string) string {
	switch n {
	case 0:
		return "no " + thing + "s"
	case 1:
		return "1 " + thing
	}
	return fmt.Sprintf("%d %ss", n, thing)
}
