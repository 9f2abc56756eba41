package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/conckata/conckata/internal/catalog"
	"github.com/conckata/conckata/internal/harness/report"
)

// docPage is what verify reads of a kata's doc page: the property headings,
// and each pitfall's text.
type docPage struct {
	headings map[string]bool   // the "### name" headings under "## Properties"
	pitfalls map[string]string // each "### title" under "## Pitfalls", by title: its text
}

// readDocPage parses the Properties and Pitfalls sections of a doc page.
func readDocPage(text string) docPage {
	d := docPage{headings: map[string]bool{}, pitfalls: map[string]string{}}
	section, title := "", ""
	for _, line := range strings.Split(text, "\n") {
		switch {
		case strings.HasPrefix(line, "## "):
			section, title = strings.TrimSpace(line[3:]), ""
		case strings.HasPrefix(line, "### "):
			title = strings.TrimSpace(line[4:])
			if section == "Properties" {
				d.headings[title] = true
			}
		case section == "Pitfalls" && title != "":
			d.pitfalls[title] += line + "\n"
		}
	}
	return d
}

// quoted matches a name in backquotes, as the doc pages write property and
// mutant names.
var quoted = regexp.MustCompile("`([a-z0-9-]+)`")

// pitfallOf returns the text of the pitfall that shows mutant: the one whose
// "Mutant:" line names it.
func (d docPage) pitfallOf(mutant string) (string, bool) {
	for _, text := range d.pitfalls {
		for _, line := range strings.Split(text, "\n") {
			if _, names, ok := strings.Cut(line, "Mutant"); ok && strings.Contains(names, "`"+mutant+"`") {
				return text, true
			}
		}
	}
	return "", false
}

// checkDocs passes when k's doc page has a "### name" heading under
// Properties for every property of its suite, and a pitfall for every mutant
// that names it ("Mutant: `name`") and names at least one of the properties
// that caught it in this run. res is the mutants phase's: its TestMutantBase
// ran every property, and TestMutants logged what caught each mutant.
func (a *app) checkDocs(k catalog.Kata, res *results) verdict {
	p, _ := suitePackage(k, res, "TestMutantBase", "the mutant base")
	if p == nil || p.test("TestMutantBase") == nil {
		return failed("docs not checked: the suite ran no TestMutantBase, which lists the properties")
	}
	text, err := os.ReadFile(filepath.Join(a.root, k.DocPage()))
	if err != nil {
		return failed("docs: "+k.DocPage()+" is missing", "docs: "+err.Error())
	}
	page := readDocPage(string(text))
	var notes []string
	properties := distinctBases(p.children("TestMutantBase"))
	for _, name := range properties {
		if !page.headings[name] {
			notes = append(notes, fmt.Sprintf("docs: %s has no heading \"### %s\" under ## Properties", k.DocPage(), name))
		}
	}
	mutants := p.children("TestMutants")
	for _, m := range mutants {
		notes = append(notes, pitfallNotes(k, page, m)...)
	}
	return verdict{
		ok:      len(notes) == 0,
		summary: fmt.Sprintf("docs %d headings, %d pitfalls", len(properties), len(mutants)),
		notes:   notes,
	}
}

// pitfallNotes says what the doc page lacks for mutant m: a pitfall naming it,
// or, in that pitfall, the name of a property that caught it.
func pitfallNotes(k catalog.Kata, page docPage, m *testResult) []string {
	text, ok := page.pitfallOf(m.base())
	if !ok {
		return []string{fmt.Sprintf("docs: %s has no pitfall saying \"Mutant: `%s`\" under ## Pitfalls", k.DocPage(), m.base())}
	}
	var caughtBy []string
	for _, l := range m.output {
		if logged, ok := report.ParseMutant(l); ok && logged.Name == m.base() {
			caughtBy = logged.CaughtBy
		}
	}
	for _, q := range quoted.FindAllStringSubmatch(text, -1) {
		if slices.Contains(caughtBy, q[1]) {
			return nil
		}
	}
	if caughtBy == nil {
		return nil // it survived, and checkMutants says so
	}
	return []string{fmt.Sprintf("docs: the pitfall of mutant %s in %s names none of the properties that catch it (%s)",
		m.base(), k.DocPage(), strings.Join(caughtBy, ", "))}
}
