package main

import (
	"fmt"

	"github.com/conckata/conckata/internal/catalog"
	"github.com/conckata/conckata/internal/harness/report"
)

// suitePackage returns the results of kata k's conformance package, or nil
// and the failed verdict of check what if they cannot be checked: the
// package is missing, does not build, or has no test called top.
func suitePackage(k catalog.Kata, res *results, top, what string) (*pkgResult, verdict) {
	dir := k.SuiteDir()
	p := res.pkg(catalog.ImportPath(dir))
	switch {
	case p == nil:
		return nil, failed(what + ": no package " + dir)
	case res.compileErrors(p) != nil:
		return nil, failed(what+": "+dir+" does not compile", what+": "+res.compileErrors(p)[0])
	case p.test(top) == nil && p.action == "skip":
		return nil, failed(what + ": no " + top + " (" + dir + " has no test files)")
	case p.test(top) == nil:
		return nil, failed(what+": no "+top, prefixed(what+": ", firstLine(p.crash())))
	}
	return p, verdict{}
}

// checkPeers passes when TestPeers passes: each peer passes every property
// it does not skip. The notes list each peer's passes and each skip's reason.
func checkPeers(k catalog.Kata, res *results) verdict {
	p, missing := suitePackage(k, res, "TestPeers", "peers")
	if p == nil {
		return missing
	}
	var notes []string
	skips, failures := 0, 0
	peers := p.children("TestPeers")
	for _, peer := range peers {
		passes, skipped, broken := peerResults(p, peer)
		notes = append(notes, fmt.Sprintf("peer %s passes %d", peer.base(), passes))
		notes = append(append(notes, broken...), skipped...)
		skips, failures = skips+len(skipped), failures+len(broken)
	}
	top := p.test("TestPeers")
	if top.action != "pass" && failures == 0 {
		notes = append(notes, "TestPeers fails: "+orElse(firstOwnLine(top.output), firstLine(p.crash())))
	}
	return verdict{
		ok:      top.action == "pass",
		summary: fmt.Sprintf("peers %d (%s)", len(peers), count(skips, "skip")),
		notes:   notes,
	}
}

// peerResults counts the properties the peer passed, and returns a note for
// each it skipped (with the reason) and for each it failed.
func peerResults(p *pkgResult, peer *testResult) (passes int, skipped, broken []string) {
	for _, t := range p.children(peer.name) {
		switch t.action {
		case "pass":
			passes++
		case "skip":
			skipped = append(skipped, fmt.Sprintf("peer %s skips %s: %s", peer.base(), t.base(), skipReason(t)))
		default:
			broken = append(broken, "peer "+peer.base()+" "+failureLine(t))
		}
	}
	return passes, skipped, broken
}

// checkMutants passes when every mutant of TestMutants is caught and the
// bug-free base of the mutants, TestMutantBase, passes. The notes say which
// properties caught each mutant.
func checkMutants(k catalog.Kata, res *results) verdict {
	p, missing := suitePackage(k, res, "TestMutants", "mutants")
	if p == nil {
		return missing
	}
	var notes []string
	mutants := p.children("TestMutants")
	caught := 0
	for _, m := range mutants {
		note, isCaught := mutantNote(m)
		if m.action == "pass" && isCaught {
			caught++
		}
		notes = append(notes, note)
	}
	ok := p.test("TestMutants").action == "pass" && caught == len(mutants)
	switch base := p.test("TestMutantBase"); {
	case base == nil:
		ok = false
		notes = append(notes, "no TestMutantBase: the bug-free base of the mutants must pass the suite too")
	case base.action != "pass":
		ok = false
		for _, t := range failedOnly(p.children(base.name)) {
			notes = append(notes, "mutant base "+failureLine(t))
		}
	}
	return verdict{ok: ok, summary: fmt.Sprintf("mutants %d/%d caught", caught, len(mutants)), notes: notes}
}

// mutantNote is the line CatchMutants logs for mutant m, which properties
// caught it or that it survived, and whether it was caught.
func mutantNote(m *testResult) (note string, caught bool) {
	for _, l := range m.output {
		if logged, ok := report.ParseMutant(l); ok && logged.Name == m.base() {
			return logged.Line, logged.CaughtBy != nil
		}
	}
	return "mutant " + m.base() + ": " + orElse(m.action, "did not finish"), false
}

// skipReason is the reason the harness gives when a peer skips a property.
func skipReason(t *testResult) string {
	for _, l := range t.output {
		if reason, ok := report.ParseSkipped(l); ok {
			return reason
		}
	}
	return "no reason given"
}

func firstLine(lines []string) string {
	if len(lines) == 0 {
		return ""
	}
	return lines[0]
}

// prefixed returns s with prefix, or "" if s is "".
func prefixed(prefix, s string) string {
	if s == "" {
		return ""
	}
	return prefix + s
}

func orElse(s, otherwise string) string {
	if s == "" {
		return otherwise
	}
	return s
}
