package main

import (
	"strings"

	"github.com/conckata/conckata/internal/harness/report"
)

// results is what one `go test -json` run reported.
type results struct {
	pkgs   map[string]*pkgResult // by import path
	builds map[string][]string   // the compiler's output, by the ImportPath of the build
}

func newResults() *results {
	return &results{pkgs: map[string]*pkgResult{}, builds: map[string][]string{}}
}

// pkgResult is one package's part of a run.
type pkgResult struct {
	action      string        // pass, fail or skip; "" if the stream ended first
	failedBuild string        // the build whose failure kept the tests from running
	output      []string      // lines printed outside any test
	tests       []*testResult // every run of every test, in the order they started
	// latest is each test's run that events are still arriving for: with
	// -count=3 a test runs three times under one name.
	latest map[string]*testResult
}

// testResult is one run of one test.
type testResult struct {
	name   string   // the full name, as "TestSemaphore/no-barging"
	action string   // pass, fail or skip; "" if it never finished
	output []string // its lines, without their newlines
}

// add files one event of the stream under its package and test.
func (r *results) add(e testEvent) {
	line := strings.TrimSuffix(e.Output, "\n")
	if e.Action == "build-output" {
		r.builds[e.ImportPath] = append(r.builds[e.ImportPath], line)
		return
	}
	if e.Package == "" {
		return
	}
	p := r.pkgs[e.Package]
	if p == nil {
		p = &pkgResult{latest: map[string]*testResult{}}
		r.pkgs[e.Package] = p
	}
	if e.Test == "" {
		switch e.Action {
		case "output":
			p.output = append(p.output, line)
		case "pass", "fail", "skip":
			p.action, p.failedBuild = e.Action, e.FailedBuild
		}
		return
	}
	p.addToTest(e, line)
}

// addToTest files an event of one of p's tests; a "run" starts a new run.
func (p *pkgResult) addToTest(e testEvent, line string) {
	t := p.latest[e.Test]
	if t == nil || e.Action == "run" {
		t = &testResult{name: e.Test}
		p.tests = append(p.tests, t)
		p.latest[e.Test] = t
	}
	switch e.Action {
	case "output":
		t.output = append(t.output, line)
	case "pass", "fail", "skip":
		t.action = e.Action
	}
}

// pkg returns the results of the package with the given import path, or nil
// if the run did not test it.
func (r *results) pkg(path string) *pkgResult { return r.pkgs[path] }

// compileErrors returns the compiler's complaints that kept p from being
// tested, or nil if it built.
func (r *results) compileErrors(p *pkgResult) []string {
	if p.failedBuild == "" {
		return nil
	}
	var lines []string
	for _, l := range r.builds[p.failedBuild] {
		if !strings.HasPrefix(l, "# ") {
			lines = append(lines, l)
		}
	}
	if len(lines) == 0 {
		lines = []string{"the build of " + p.failedBuild + " failed"}
	}
	return lines
}

// children returns each run of the direct subtests of parent, in the order
// they started; parent "" gives the top-level tests.
func (p *pkgResult) children(parent string) []*testResult {
	var kids []*testResult
	for _, t := range p.tests {
		rest, ok := strings.CutPrefix(t.name, parent+"/")
		if parent == "" {
			rest, ok = t.name, true
		}
		if ok && !strings.Contains(rest, "/") {
			kids = append(kids, t)
		}
	}
	return kids
}

// grandchildren returns the subtests of p's top-level tests: the properties,
// in a kata's package, each run once per -count.
func (p *pkgResult) grandchildren() []*testResult {
	var props []*testResult
	seen := map[string]bool{}
	for _, top := range p.children("") {
		if !seen[top.name] { // with -count, children already has every run
			seen[top.name] = true
			props = append(props, p.children(top.name)...)
		}
	}
	return props
}

// test returns the last run of the test called name, or nil.
func (p *pkgResult) test(name string) *testResult { return p.latest[name] }

// crash returns the lines that tell why p's test binary died before its tests
// had all reported: the panic ("panic: test timed out after 10m0s") and what
// follows it. It returns nil if the binary did not crash. The binary's own
// panics start their line; the harness indents its verdicts and the output of
// the children it shows.
func (p *pkgResult) crash() []string {
	var unfinished []string
	for _, t := range p.tests {
		if lines := fromCrash(t.output); lines != nil {
			return lines
		}
		if t.action == "" && unfinished == nil {
			unfinished = []string{"the test binary exited while " + t.name + " was running"}
		}
	}
	if lines := fromCrash(p.output); lines != nil {
		return lines
	}
	return unfinished
}

// fromCrash returns the lines from the first one that starts a crash on.
func fromCrash(lines []string) []string {
	for i, l := range lines {
		if isCrashLine(l) {
			return lines[i:]
		}
	}
	return nil
}

func isCrashLine(l string) bool {
	return strings.HasPrefix(l, "panic: ") || strings.HasPrefix(l, "fatal error: ")
}

// base returns the last element of t's name: a property's name.
func (t *testResult) base() string { return t.name[strings.LastIndex(t.name, "/")+1:] }

// verdict returns the harness's one-line verdict on a failed property ("FAIL
// name: expected ...; got ..."), and the detail lines that follow it, which
// the harness indents four spaces deeper. It returns "" if there is none.
func (t *testResult) verdict() (string, []string) {
	for i, l := range t.output {
		trimmed := strings.TrimLeft(l, " ")
		if property, ok := report.ParseFail(trimmed); !ok || property != t.base() {
			continue
		}
		indent := strings.Repeat(" ", len(l)-len(trimmed)+4)
		var detail []string
		for _, d := range t.output[i+1:] {
			rest, ok := strings.CutPrefix(d, indent)
			if !ok {
				break
			}
			detail = append(detail, "    "+rest)
		}
		return trimmed, detail
	}
	return "", nil
}
