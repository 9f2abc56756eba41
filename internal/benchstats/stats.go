package benchstats

import (
	"math"

	"github.com/conckata/conckata/bench"
	"golang.org/x/perf/benchmath"
)

// Confidence is the level of every confidence interval: benchstat's.
const Confidence = 0.95

// TimeUnit is the unit every benchmark reports: time per operation.
const TimeUnit = "sec/op"

// Summary returns m's median in unit and its confidence interval, or false
// if m has no values in unit. With fewer than 6 values the interval is
// infinite (Lo and Hi are ±Inf): see Bounded.
func (m *Measure) Summary(unit string) (benchmath.Summary, bool) {
	s, ok := m.Samples[unit]
	if !ok || len(s.Values) == 0 {
		return benchmath.Summary{}, false
	}
	return benchmath.AssumeNothing.Summary(s, Confidence), true
}

// Runs returns how many values m has in unit.
func (m *Measure) Runs(unit string) int {
	if s, ok := m.Samples[unit]; ok {
		return len(s.Values)
	}
	return 0
}

// Bounded reports whether a summary's confidence interval is finite.
func Bounded(s benchmath.Summary) bool { return !math.IsInf(s.Lo, 0) && !math.IsInf(s.Hi, 0) }

// Comparison is how one implementation compares with another.
type Comparison struct {
	Ratio float64 // the first one's median over the second's
	// P is the p-value of the U-test that the two samples (the second one
	// scaled, when a goal asks) come from the same distribution.
	P     float64
	Alpha float64 // the level under which P is significant: 0.05
}

// Significant reports whether c's p-value is under its alpha level.
func (c Comparison) Significant() bool { return c.P < c.Alpha }

// Compare compares a with b in unit: their ratio, and the p-value that a
// differs from b's values multiplied by scale. Scale 1 asks whether they
// differ at all; a goal's Max asks whether a differs from the bound. It
// returns false if either has no values in unit.
func Compare(a, b *Measure, unit string, scale float64) (Comparison, bool) {
	sa, sb := a.Samples[unit], b.Samples[unit]
	if sa == nil || sb == nil || len(sa.Values) == 0 || len(sb.Values) == 0 {
		return Comparison{}, false
	}
	ma := benchmath.AssumeNothing.Summary(sa, Confidence).Center
	mb := benchmath.AssumeNothing.Summary(sb, Confidence).Center
	scaled := make([]float64, len(sb.Values))
	for i, v := range sb.Values {
		scaled[i] = v * scale
	}
	cmp := benchmath.AssumeNothing.Compare(sa, benchmath.NewSample(scaled, sb.Thresholds))
	return Comparison{Ratio: ma / mb, P: cmp.P, Alpha: cmp.Alpha}, true
}

// BestPeer returns the peer of kata k with the lowest median time in s, or
// nil if no peer ran there.
func BestPeer(k bench.Kata, s *Shape) *Measure { return Fastest(k, s, bench.Peer) }

// Fastest returns the implementation of kata k in role with the lowest
// median time in s, or nil if none ran there.
func Fastest(k bench.Kata, s *Shape, role bench.Role) *Measure {
	var best *Measure
	bestTime := math.Inf(1)
	for _, m := range s.Measures {
		im, ok := k.Impl(m.Impl)
		if !ok || im.Role != role {
			continue
		}
		if sum, ok := m.Summary(TimeUnit); ok && sum.Center < bestTime {
			best, bestTime = m, sum.Center
		}
	}
	return best
}
