package benchstats

import "github.com/conckata/conckata/bench"

// Verdict is what a run says of a goal in one shape.
type Verdict int

const (
	// Met: Impl's median is within the goal, and the U-test tells it
	// apart from the bound (Than's values times Max).
	Met Verdict = iota
	// Missed: Impl's median is outside the goal, and the U-test tells it
	// apart from the bound.
	Missed
	// Unsure: the U-test cannot tell Impl from the bound (p ≥ 0.05), so
	// the run does not settle the goal either way: more runs, or a
	// quieter machine, may.
	Unsure
	// Unmeasured: the shape ran, but without Impl or Than.
	Unmeasured
)

func (v Verdict) String() string {
	return [...]string{"met", "missed", "unsure", "not measured"}[v]
}

// GoalResult is a goal's verdict in one shape.
type GoalResult struct {
	Kata    string
	Goal    bench.Goal
	Op      string
	Procs   int
	Cmp     Comparison // Ratio is Impl's median over Than's; P is against the bound
	Verdict Verdict
}

// Goals returns the verdict on each goal of katas in each shape of res it
// applies to, in the order of katas and their goals, then of the shapes.
// A goal whose benchmark did not run gives none.
func Goals(res *Results, katas []bench.Kata) []GoalResult {
	var out []GoalResult
	for _, k := range katas {
		b := res.Benchmark(k.Benchmark)
		if b == nil {
			continue
		}
		for _, g := range k.Goals {
			for _, s := range b.Shapes {
				if (g.Op == "" || g.Op == s.Op) && (g.Procs == 0 || g.Procs == s.Procs) {
					out = append(out, judge(k.Name, g, s))
				}
			}
		}
	}
	return out
}

// judge gives g's verdict in shape s.
func judge(kata string, g bench.Goal, s *Shape) GoalResult {
	r := GoalResult{Kata: kata, Goal: g, Op: s.Op, Procs: s.Procs, Verdict: Unmeasured}
	a, b := s.Measure(g.Impl), s.Measure(g.Than)
	if a == nil || b == nil {
		return r
	}
	cmp, ok := Compare(a, b, g.Metric(), g.Max)
	if !ok {
		return r
	}
	r.Cmp = cmp
	switch {
	case !cmp.Significant():
		r.Verdict = Unsure
	case cmp.Ratio <= g.Max:
		r.Verdict = Met
	default:
		r.Verdict = Missed
	}
	return r
}
