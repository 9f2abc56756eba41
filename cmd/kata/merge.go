package main

import (
	"cmp"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"os"
	"slices"
	"strings"
)

// team is the merge of several learners' reports.
type team struct {
	Learners []progress
	Katas    []string     // every kata any report lists, in the first report's order, then new ones
	Common   []commonFail // the properties failing for the most learners
}

// commonFail is a property failing for Learners learners.
type commonFail struct {
	Kata, Property, Resembles string
	Learners                  int
}

// maxCommon bounds the list of most common failures.
const maxCommon = 10

// mergeReports reads the JSON reports in files and writes the team's table.
func (a *app) mergeReports(files []string, asHTML bool) error {
	var t team
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		var p progress
		if err := json.Unmarshal(data, &p); err != nil {
			return fmt.Errorf("%s is not a report of kata report --json: %w", f, err)
		}
		if p.Schema != reportSchema {
			return fmt.Errorf("%s has schema %q; this runner reads %q (docs/report-schema.md)", f, p.Schema, reportSchema)
		}
		t.Learners = append(t.Learners, p)
		for _, k := range p.Katas {
			if !slices.Contains(t.Katas, k.Name) {
				t.Katas = append(t.Katas, k.Name)
			}
		}
	}
	t.Common = commonFailures(t.Learners)
	if asHTML {
		chart, err := teamChart(t)
		if err != nil {
			return err
		}
		return teamPage.Execute(a.stdout, struct {
			Team  team
			Style template.CSS
			Chart template.HTML // an SVG made here, not from a report's text
		}{t, template.CSS(pageStyle), template.HTML(chart)})
	}
	return writeTeamMarkdown(a.stdout, t)
}

// commonFailures counts, for each failing property, the learners it fails
// for, most first.
func commonFailures(learners []progress) []commonFail {
	counts := map[[2]string]*commonFail{}
	for _, p := range learners {
		for _, k := range p.Katas {
			for _, f := range k.Failing {
				key := [2]string{k.Name, f.Property}
				if counts[key] == nil {
					counts[key] = &commonFail{Kata: k.Name, Property: f.Property, Resembles: f.Resembles}
				}
				counts[key].Learners++
			}
		}
	}
	var out []commonFail
	for _, c := range counts {
		out = append(out, *c)
	}
	slices.SortFunc(out, func(x, y commonFail) int {
		return cmp.Or(y.Learners-x.Learners, strings.Compare(x.Kata, y.Kata), strings.Compare(x.Property, y.Property))
	})
	return out[:min(len(out), maxCommon)]
}

// Cell is a kata's mark in the team table: ✓ solved, ✗N N properties
// failing, ✗ failing otherwise (it does not compile), · not started.
func (t team) Cell(p progress, kata string) string {
	for _, k := range p.Katas {
		switch {
		case k.Name != kata:
		case k.Solved:
			return "✓"
		case len(k.Failing) > 0:
			return fmt.Sprintf("✗%d", len(k.Failing))
		case k.Started:
			return "✗"
		default:
			return "·"
		}
	}
	return ""
}

func writeTeamMarkdown(w io.Writer, t team) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# conckata: the team's progress\n\n%d learners · ✓ solved · ✗N N properties failing · ✗ does not build · · not started\n\n", len(t.Learners))
	b.WriteString("| learner | solved | " + strings.Join(t.Katas, " | ") + " |\n|---|---|" + strings.Repeat("---|", len(t.Katas)) + "\n")
	for _, p := range t.Learners {
		fmt.Fprintf(&b, "| %s | %d |", mdCell(p.Learner), p.SolvedCount())
		for _, k := range t.Katas {
			fmt.Fprintf(&b, " %s |", t.Cell(p, k))
		}
		b.WriteString("\n")
	}
	if len(t.Common) > 0 {
		b.WriteString("\n## Failing most often\n\n")
		for _, c := range t.Common {
			like := ""
			if c.Resembles != "" {
				like = fmt.Sprintf(", like the mutant `%s`", c.Resembles)
			}
			fmt.Fprintf(&b, "- %s `%s`: %d of %d learners%s\n", c.Kata, c.Property, c.Learners, len(t.Learners), like)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

var teamPage = template.Must(template.New("team").Parse(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>conckata: the team's progress</title>
<style>{{.Style}}</style></head><body>
<h1>conckata: the team's progress</h1>
<p>{{len .Team.Learners}} learners · ✓ solved · ✗N N properties failing · ✗ does not build · · not started</p>
{{$t := .Team}}<table><tr><th>learner</th><th>solved</th>{{range $t.Katas}}<th>{{.}}</th>{{end}}</tr>
{{range $t.Learners}}{{$p := .}}<tr><td>{{.Learner}}</td><td>{{.SolvedCount}}</td>{{range $t.Katas}}{{$c := $t.Cell $p .}}<td class="{{if eq $c "✓"}}solved{{else if eq $c "·"}}idle{{else}}failing{{end}}">{{$c}}</td>{{end}}</tr>
{{end}}</table>
{{.Chart}}
{{if $t.Common}}<h2>Failing most often</h2><ul>
{{range $t.Common}}<li>{{.Kata}} <code>{{.Property}}</code>: {{.Learners}} of {{len $t.Learners}} learners{{if .Resembles}}, like the mutant <code>{{.Resembles}}</code>{{end}}</li>
{{end}}</ul>{{end}}
</body></html>
`))
