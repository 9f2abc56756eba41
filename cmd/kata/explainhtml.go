package main

import (
	"fmt"
	"html/template"
	"os"

	"github.com/conckata/conckata/internal/linearize"
)

// explainHTML points to the HTML timeline of a history: porcupine's, which
// linearize wrote beside a linearizable property's history, or, for the
// calls a property started, a page of the same columns written here.
func (a *app) explainHTML(h linearize.History, path string) error {
	page := path + ".html"
	if _, err := os.Stat(page); err == nil {
		fmt.Fprintf(a.stdout, "\nporcupine's timeline of this history: %s\n", page)
		return nil
	}
	f, err := os.Create(page)
	if err != nil {
		return err
	}
	if err := timelinePage.Execute(f, timelineRows(h)); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "\nthe timeline as a page: %s\n", page)
	return nil
}

// timelineView is what the HTML timeline shows: a header per goroutine and
// one row per event, with its text in its goroutine's cell.
type timelineView struct {
	Goroutines []int
	Rows       [][]string
	Style      template.CSS
}

// timelineRows lays out the rows of the HTML timeline.
func timelineRows(h linearize.History) timelineView {
	cells, n := timelineCells(h)
	v := timelineView{Style: template.CSS(pageStyle)}
	for g := range n {
		v.Goroutines = append(v.Goroutines, g)
	}
	for _, c := range cells {
		row := make([]string, n)
		row[c.goroutine] = c.text
		v.Rows = append(v.Rows, row)
	}
	return v
}

var timelinePage = template.Must(template.New("timeline").Parse(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>conckata: the history that broke a property</title>
<style>{{.Style}}</style></head><body>
<h1>The history that broke the property</h1>
<p>▶ a call starts · ◀ it returns, with its result · • an instant (a cancellation) · numbers: the order the model accepted · ✗ the first call it could not place</p>
<table><tr>{{range .Goroutines}}<th>goroutine {{.}}</th>{{end}}</tr>
{{range .Rows}}<tr>{{range .}}<td>{{.}}</td>{{end}}</tr>
{{end}}</table>
</body></html>
`))
