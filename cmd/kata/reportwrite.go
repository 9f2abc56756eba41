package main

import (
	"fmt"
	"html/template"
	"io"
	"strings"
)

// SolvedCount returns how many of p's katas are solved.
func (p progress) SolvedCount() int {
	n := 0
	for _, k := range p.Katas {
		if k.Solved {
			n++
		}
	}
	return n
}

// writeReportMarkdown writes one learner's report as Markdown.
func writeReportMarkdown(w io.Writer, p progress) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# conckata: %s's progress\n\n", p.Learner)
	fmt.Fprintf(&b, "%d of %d katas solved · generated %s\n\n", p.SolvedCount(), len(p.Katas), p.Generated)
	b.WriteString("| # | kata | level | state | hints used | mutants hunted |\n|---|---|---|---|---|---|\n")
	for i, k := range p.Katas {
		fmt.Fprintf(&b, "| %d | %s | %s | %s | %d | %d |\n", i+1, k.Name, k.Level, mdCell(k.State), k.HintsUsed, len(k.Hunted))
	}
	for _, k := range p.Katas {
		if len(k.Failing) == 0 && len(k.Bench) == 0 {
			continue
		}
		fmt.Fprintf(&b, "\n## %s\n\n", k.Name)
		for _, f := range k.Failing {
			fmt.Fprintf(&b, "- `%s` fails%s\n", f.Property, likeWords(f))
		}
		if len(k.Failing) > 0 && len(k.Bench) > 0 {
			b.WriteString("\n")
		}
		for _, v := range k.Bench {
			fmt.Fprintf(&b, "- %s\n", v)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// likeWords says which known bug a failing property points to.
func likeWords(f failingProp) string {
	if f.Resembles == "" {
		return ""
	}
	return fmt.Sprintf(" like the mutant `%s`: %s", f.Resembles, strings.TrimSuffix(f.Pitfall, "."))
}

// mdCell keeps a table cell on one line and its pipes literal.
func mdCell(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "\n", " "), "|", `\|`)
}

// pageStyle is the inline CSS of the report pages: no file or script from
// elsewhere, so that a page can be mailed or opened offline.
const pageStyle = `body{font:15px/1.45 system-ui,sans-serif;max-width:62rem;margin:2rem auto;padding:0 1rem;color:#1b1f24}
table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #d0d7de;padding:.3rem .6rem;text-align:left}
th{background:#f6f8fa}td.solved{background:#dafbe1}td.failing{background:#ffebe9}td.idle{color:#8c959f}
code{background:#f6f8fa;padding:0 .2rem;border-radius:3px}`

var reportPage = template.Must(template.New("report").Funcs(pageFuncs).Parse(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>conckata: {{.Learner}}'s progress</title>
<style>{{.Style}}</style></head><body>
<h1>conckata: {{.Learner}}'s progress</h1>
<p>{{.Solved}} of {{len .Katas}} katas solved · generated {{.Generated}}</p>
<table><tr><th>#</th><th>kata</th><th>level</th><th>state</th><th>hints used</th><th>mutants hunted</th></tr>
{{range $i, $k := .Katas}}<tr><td>{{inc $i}}</td><td>{{$k.Name}}</td><td>{{$k.Level}}</td><td class="{{class $k}}">{{$k.State}}</td><td>{{$k.HintsUsed}}</td><td>{{len $k.Hunted}}</td></tr>
{{end}}</table>
{{range .Katas}}{{if or .Failing .Bench}}<h2>{{.Name}}</h2><ul>
{{range .Failing}}<li><code>{{.Property}}</code> fails{{if .Resembles}} like the mutant <code>{{.Resembles}}</code>: {{.Pitfall}}{{end}}</li>
{{end}}{{range .Bench}}<li>{{.}}</li>
{{end}}</ul>
{{end}}{{end}}</body></html>
`))

// cellClass colours a kata's state cell.
func cellClass(k kataReport) string {
	switch {
	case k.Solved:
		return "solved"
	case k.Started:
		return "failing"
	}
	return "idle"
}

var pageFuncs = template.FuncMap{"inc": func(i int) int { return i + 1 }, "class": cellClass}

// writeReportHTML writes one learner's report as a self-contained page.
func writeReportHTML(w io.Writer, p progress) error {
	return reportPage.Execute(w, struct {
		progress
		Solved int
		Style  template.CSS
	}{p, p.SolvedCount(), template.CSS(pageStyle)})
}
