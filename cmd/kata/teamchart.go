package main

import (
	"bytes"
	"fmt"
	"image/color"
	"strings"

	"github.com/conckata/conckata/internal/benchreport"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgsvg"
)

// The colours of the team chart: the same as the table's cells.
var (
	solvedColor  = color.RGBA{0x2d, 0xa4, 0x4e, 0xff}
	failingColor = color.RGBA{0xcf, 0x22, 0x2e, 0xff}
	idleColor    = color.RGBA{0xd0, 0xd7, 0xde, 0xff}
)

// teamChart draws, with gonum/plot and in the font of the benchmark page, one stacked
// bar per kata: how many learners solved it, are failing it, have not
// started it. It returns the SVG, to be inlined in the team's page.
func teamChart(t team) ([]byte, error) {
	var solved, failing, idle plotter.Values
	for _, kata := range t.Katas {
		var s, f, n float64
		for _, p := range t.Learners {
			switch t.Cell(p, kata) {
			case "✓":
				s++
			case "·", "":
				n++
			default:
				f++
			}
		}
		solved, failing, idle = append(solved, s), append(failing, f), append(idle, n)
	}
	p := plot.New()
	p.Title.Text = "the team, kata by kata"
	p.Y.Label.Text = "learners"
	// Room above the tallest bar for the legend.
	p.Y.Min, p.Y.Max = 0, float64(len(t.Learners))*1.4
	p.NominalX(t.Katas...)
	p.Legend.Top, p.Legend.Left = true, false
	width := vg.Points(22)
	var below *plotter.BarChart
	for _, layer := range []struct {
		name   string
		values plotter.Values
		color  color.Color
	}{{"solved", solved, solvedColor}, {"failing", failing, failingColor}, {"not started", idle, idleColor}} {
		bars, err := plotter.NewBarChart(layer.values, width)
		if err != nil {
			return nil, fmt.Errorf("the team chart: %w", err)
		}
		bars.Color, bars.LineStyle.Width = layer.color, 0
		if below != nil {
			bars.StackOn(below)
		}
		below = bars
		p.Add(bars)
		p.Legend.Add(layer.name, bars)
	}
	benchreport.SansFonts(p)
	w := vg.Length(max(300, 60*len(t.Katas)+120))
	canvas := vgsvg.New(w, 240)
	p.Draw(draw.New(canvas))
	var svg bytes.Buffer
	if _, err := canvas.WriteTo(&svg); err != nil {
		return nil, fmt.Errorf("the team chart: %w", err)
	}
	out := string(benchreport.FontFallback(svg.Bytes()))
	if i := strings.Index(out, "<svg"); i > 0 {
		out = out[i:] // inlined in HTML: no XML declaration
	}
	return []byte(out), nil
}
