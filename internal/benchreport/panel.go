package benchreport

import (
	"fmt"
	"math"
	"strconv"

	"github.com/conckata/conckata/bench"
	"github.com/conckata/conckata/internal/benchstats"
	"golang.org/x/perf/benchmath"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// row is one op of a chart: its panels share the implementations on the
// x axis, the time unit and the y scale.
type row struct {
	kata  bench.Kata
	op    string
	impls []bench.Impl // those that ran in some shape of op, in k's order
	unit  string       // ns, µs, ms or s
	scale float64      // seconds per unit
	yMax  float64      // in units: the highest interval end, with room for the labels
}

func newRow(k bench.Kata, b *benchstats.Benchmark, op string) row {
	r := row{kata: k, op: op}
	top := 0.0
	for _, im := range k.Impls {
		ran := false
		for _, p := range b.Procs() {
			s := b.Shape(op, p)
			if s == nil || s.Measure(im.Name) == nil {
				continue
			}
			ran = true
			sum, _ := s.Measure(im.Name).Summary(benchstats.TimeUnit)
			top = max(top, barTop(sum))
		}
		if ran {
			r.impls = append(r.impls, im)
		}
	}
	r.unit, r.scale = timeUnit(top)
	r.yMax = top / r.scale * 1.22
	return r
}

// barTop is where a bar's drawing ends: its interval's top, or its
// median when the interval is unbounded.
func barTop(sum benchmath.Summary) float64 {
	if benchstats.Bounded(sum) {
		return sum.Hi
	}
	return sum.Center
}

// timeUnit returns the unit that shows seconds like x in numbers of at
// most three digits before the point.
func timeUnit(x float64) (string, float64) {
	switch {
	case x < 1e-6:
		return "ns", 1e-9
	case x < 1e-3:
		return "µs", 1e-6
	case x < 1:
		return "ms", 1e-3
	}
	return "s", 1
}

// panel plots shape s (nil when op did not run at procs) of the row.
func (r row) panel(s *benchstats.Shape, procs int) (*plot.Plot, error) {
	p := plot.New()
	restyle(p)
	p.Title.Text = fmt.Sprintf("op=%s · -cpu %d", r.op, procs)
	p.Y.Label.Text = r.unit + "/op"
	p.Y.Min, p.Y.Max = 0, r.yMax
	p.Y.Tick.Marker = plot.TickerFunc(ticks)
	p.X.Min, p.X.Max = -0.6, float64(len(r.impls))-0.4
	var names []string
	for _, im := range r.impls {
		names = append(names, im.Name)
	}
	p.NominalX(names...)
	p.X.Tick.Label.Rotation = math.Pi / 7
	p.X.Tick.Label.XAlign, p.X.Tick.Label.YAlign = draw.XRight, draw.YTop
	if s == nil {
		p.Title.Text += ": not run"
		return p, nil
	}
	// Ratios are to the fastest peer; where no peer runs, to the fastest
	// floor, which a goal may name (queue's priority op).
	best := benchstats.BestPeer(r.kata, s)
	if best == nil {
		best = benchstats.Fastest(r.kata, s, bench.Floor)
		p.Title.Text += " (no peer"
		if best != nil {
			p.Title.Text += ": ÷ " + best.Impl
		}
		p.Title.Text += ")"
	}
	return p, r.bars(p, s, best)
}

// bars adds to p a bar, an error bar and a ratio label for each
// implementation measured in s.
func (r row) bars(p *plot.Plot, s *benchstats.Shape, best *benchstats.Measure) error {
	var errs errorPoints
	var labels plotter.XYLabels
	for i, im := range r.impls {
		m := s.Measure(im.Name)
		if m == nil {
			continue
		}
		sum, _ := m.Summary(benchstats.TimeUnit)
		bar, err := plotter.NewBarChart(plotter.Values{sum.Center / r.scale}, barWidth)
		if err != nil {
			return err
		}
		bar.XMin, bar.Color, bar.LineStyle.Width = float64(i), RoleColors[im.Role], 0
		p.Add(bar)
		if benchstats.Bounded(sum) {
			errs.XYs = append(errs.XYs, plotter.XY{X: float64(i), Y: sum.Center / r.scale})
			errs.YErrors = append(errs.YErrors, struct{ Low, High float64 }{(sum.Center - sum.Lo) / r.scale, (sum.Hi - sum.Center) / r.scale})
		}
		if best != nil {
			bestSum, _ := best.Summary(benchstats.TimeUnit)
			labels.XYs = append(labels.XYs, plotter.XY{X: float64(i), Y: barTop(sum) / r.scale})
			labels.Labels = append(labels.Labels, Ratio(sum.Center/bestSum.Center))
		}
	}
	if len(errs.XYs) > 0 {
		eb, err := plotter.NewYErrorBars(errs)
		if err != nil {
			return err
		}
		eb.LineStyle.Width, eb.CapWidth = vg.Points(1), vg.Points(6)
		p.Add(eb)
	}
	if len(labels.XYs) > 0 {
		l, err := plotter.NewLabels(labels)
		if err != nil {
			return err
		}
		for i := range l.TextStyle {
			l.TextStyle[i] = textStyle(8)
			l.TextStyle[i].XAlign, l.TextStyle[i].YAlign = draw.XCenter, draw.YBottom
		}
		l.Offset = vg.Point{Y: 3}
		p.Add(l)
	}
	return nil
}

// ticks marks the y axis from 0 at a round step (1, 2 or 5 times a power
// of ten) that gives four to ten labelled ticks, labelled without
// trailing zeros.
func ticks(_, hi float64) []plot.Tick {
	pow := math.Pow(10, math.Floor(math.Log10(hi/4)))
	step := pow
	for _, f := range []float64{2, 5, 10} {
		if hi/step <= 10 {
			break
		}
		step = pow * f
	}
	decimals := max(0, -int(math.Floor(math.Log10(step))))
	var ts []plot.Tick
	for i := 0; float64(i)*step <= hi; i++ {
		v := float64(i) * step
		ts = append(ts, plot.Tick{Value: v, Label: strconv.FormatFloat(v, 'f', decimals, 64)})
	}
	return ts
}

// errorPoints are the medians and interval half-widths of the bars.
type errorPoints struct {
	plotter.XYs
	plotter.YErrors
}

// restyle sets every text of p in the chart's font, and the sizes of the
// title and the ticks.
func restyle(p *plot.Plot) {
	SansFonts(p)
	p.Title.TextStyle.Font.Size = 10
	p.X.Tick.Label.Font.Size = 8
}

// Ratio formats a ratio of medians, short enough to sit above a bar:
// 0.047×, 0.46×, 1.23×, 12.3×, 123×.
func Ratio(x float64) string {
	switch {
	case x >= 100:
		return fmt.Sprintf("%.0f×", x)
	case x >= 10:
		return fmt.Sprintf("%.1f×", x)
	case x >= 0.1:
		return fmt.Sprintf("%.2f×", x)
	}
	return fmt.Sprintf("%.3f×", x)
}
