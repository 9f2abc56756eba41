package benchreport

import (
	"bytes"
	"fmt"
	"image/color"
	"io"
	"slices"

	"github.com/conckata/conckata/bench"
	"github.com/conckata/conckata/internal/benchstats"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgsvg"
)

// The chart's geometry, in points.
const (
	panelHeight  = 210
	headerHeight = 70
	barWidth     = 16
)

// RoleColors are the fills of the bars, by role: the SVG check in the
// tests counts bars by them.
var RoleColors = map[bench.Role]color.RGBA{
	bench.Reference: {R: 0x1f, G: 0x5f, B: 0xa8, A: 0xff},
	bench.Peer:      {R: 0xe0, G: 0x7b, B: 0x1a, A: 0xff},
	bench.Floor:     {R: 0xa6, G: 0xa6, B: 0xa6, A: 0xff},
	bench.Yours:     {R: 0x2c, G: 0x9a, B: 0x3f, A: 0xff},
}

// roleNames are the legend's words for each role.
var roleNames = map[bench.Role]string{
	bench.Reference: "reference", bench.Peer: "peer", bench.Floor: "floor (not a peer)", bench.Yours: "your kata",
}

// sans is the font of every text: Liberation Sans has Arial's metrics, so
// the labels keep their places where a viewer substitutes Arial.
var sans = font.Font{Typeface: "Liberation", Variant: "Sans"}

// Chart draws b, kata k's measurements, as an SVG: one panel per op (a
// row) and GOMAXPROCS (a column); in each, one bar per implementation at
// its median time per op, the 95% confidence interval as an error bar,
// and its ratio to the fastest peer's median written above it. The panels
// of a row share their scale, so that -cpu scaling reads across it.
func Chart(w io.Writer, k bench.Kata, b *benchstats.Benchmark) error {
	ops, procs := b.Ops(), b.Procs()
	plots := make([][]*plot.Plot, len(ops))
	widest := 0
	for r, op := range ops {
		row := newRow(k, b, op)
		widest = max(widest, len(row.impls))
		for _, p := range procs {
			plt, err := row.panel(b.Shape(op, p), p)
			if err != nil {
				return fmt.Errorf("chart of %s: %w", k.Name, err)
			}
			plots[r] = append(plots[r], plt)
		}
	}
	width := vg.Length(len(procs)) * vg.Length(max(250, 30*widest+90))
	height := vg.Length(headerHeight + panelHeight*len(ops))
	canvas := vgsvg.New(width, height)
	dc := draw.New(canvas)
	dc.FillPolygon(color.White, []vg.Point{{X: 0, Y: 0}, {X: width, Y: 0}, {X: width, Y: height}, {X: 0, Y: height}})
	header(draw.Crop(dc, 0, 0, height-headerHeight, 0), k, b)
	body := draw.Crop(dc, 0, 0, 0, -headerHeight)
	tiles := draw.Tiles{Rows: len(ops), Cols: len(procs), PadX: 12, PadY: 10, PadLeft: 6, PadRight: 10, PadBottom: 6}
	cells := plot.Align(plots, tiles, body)
	for r := range plots {
		for c := range plots[r] {
			plots[r][c].Draw(cells[r][c])
		}
	}
	var svg bytes.Buffer
	if _, err := canvas.WriteTo(&svg); err != nil {
		return fmt.Errorf("chart of %s: %w", k.Name, err)
	}
	_, err := w.Write(FontFallback(svg.Bytes()))
	return err
}

// SansFonts sets every text of p (title, axis labels, ticks, legend) in the
// charts' font, keeping its size: the team chart of `kata report --merge`
// uses it too, so that both look alike.
func SansFonts(p *plot.Plot) {
	for _, f := range []*font.Font{&p.Title.TextStyle.Font, &p.X.Label.TextStyle.Font, &p.Y.Label.TextStyle.Font,
		&p.X.Tick.Label.Font, &p.Y.Tick.Label.Font, &p.Legend.TextStyle.Font} {
		*f = font.From(sans, f.Size)
	}
}

// FontFallback returns svg, drawn by vgsvg in the charts' font, with a
// fallback after the font's name: vgsvg names the family alone, and a viewer
// without Liberation Sans should fall back on its metric twin, not on a
// serif default.
func FontFallback(svg []byte) []byte {
	return bytes.ReplaceAll(svg, []byte("font-family:Liberation Sans;"), []byte("font-family:'Liberation Sans',Arial,Helvetica,sans-serif;"))
}

// header writes the chart's title and a legend of the roles shown.
func header(c draw.Canvas, k bench.Kata, b *benchstats.Benchmark) {
	title := textStyle(13)
	title.XAlign, title.YAlign = draw.XLeft, draw.YTop
	top := c.Max.Y - 6
	c.FillText(title, vg.Point{X: 10, Y: top}, fmt.Sprintf("%s: time per operation (Benchmark%s)", k.Name, b.Name))
	note := textStyle(9)
	note.XAlign, note.YAlign = draw.XLeft, draw.YTop
	c.FillText(note, vg.Point{X: 10, Y: top - 18}, "bar: median of the runs · error bar: its 95% confidence interval")
	c.FillText(note, vg.Point{X: 10, Y: top - 30}, "above each bar: its median ÷ the fastest peer's in that panel (or floor's, where no peer ran)")
	x := vg.Length(10)
	y := top - 54
	for _, role := range []bench.Role{bench.Reference, bench.Peer, bench.Floor, bench.Yours} {
		if !slices.ContainsFunc(k.Impls, func(im bench.Impl) bool { return im.Role == role && measured(b, im.Name) }) {
			continue
		}
		c.FillPolygon(RoleColors[role], []vg.Point{{X: x, Y: y}, {X: x + 10, Y: y}, {X: x + 10, Y: y + 10}, {X: x, Y: y + 10}})
		note.YAlign = draw.YBottom
		c.FillText(note, vg.Point{X: x + 14, Y: y + 1}, roleNames[role])
		x += 24 + note.Width(roleNames[role])
	}
}

// measured reports whether impl ran in any shape of b.
func measured(b *benchstats.Benchmark, impl string) bool {
	return slices.ContainsFunc(b.Shapes, func(s *benchstats.Shape) bool { return s.Measure(impl) != nil })
}

// textStyle is the default text style in the chart's font, at size points.
func textStyle(size vg.Length) draw.TextStyle {
	return draw.TextStyle{Color: color.Black, Font: font.From(sans, size), Handler: plot.DefaultTextHandler}
}
