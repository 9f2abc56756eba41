package benchreport

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/conckata/conckata/bench"
	"github.com/conckata/conckata/internal/benchstats"
)

// goalTable writes the summary: each goal in each shape it applies to.
func goalTable(md *bytes.Buffer, results []benchstats.GoalResult) {
	fmt.Fprintf(md, "## Goals\n\n")
	if len(results) == 0 {
		fmt.Fprintf(md, "No kata of this run has a goal.\n\n")
		return
	}
	fmt.Fprintf(md, "Each goal bounds the ratio of two medians. It is *met* or *missed* when the median ratio is\n"+
		"inside or outside the bound and the U-test tells the first implementation's runs apart from the\n"+
		"second's scaled by the bound (p < 0.05); *unsure* when it cannot, as on a busy machine or with few runs.\n\n")
	fmt.Fprintf(md, "| kata | goal | measured at | ratio | goal's bound | p | verdict |\n|---|---|---|---|---|---|---|\n")
	for _, r := range results {
		ratio, p := "–", "–"
		if r.Verdict != benchstats.Unmeasured {
			ratio, p = Ratio(r.Cmp.Ratio), fmt.Sprintf("%.3f", r.Cmp.P)
		}
		fmt.Fprintf(md, "| [%s](#%s) | %s | op=%s, -cpu %d | %s | ≤ %s | %s | %s |\n",
			r.Kata, r.Kata, r.Goal.Target(), r.Op, r.Procs, ratio, Ratio(r.Goal.Max), p, verdictCell(r.Verdict))
	}
	md.WriteString("\n")
}

// verdictCell is a verdict in words, not signs: the page is read in
// terminals and viewers without emoji fonts too.
func verdictCell(v benchstats.Verdict) string {
	if v == benchstats.Missed {
		return "**missed**"
	}
	return v.String()
}

// section writes one kata's part: what ran, the chart, benchstat's table.
func (p Page) section(md *bytes.Buffer, k bench.Kata, table string) {
	fmt.Fprintf(md, "## %s\n\n", k.Name)
	fmt.Fprintf(md, "`Benchmark%s` (read [docs/katas/%s.md](katas/%s.md#benchmarks) for what it measures) runs:\n\n",
		k.Benchmark, k.Name, k.Name)
	b := p.Results.Benchmark(k.Benchmark)
	for _, im := range k.Impls {
		state := ""
		if !measured(b, im.Name) {
			state = " (did not run"
			if im.Role == bench.Yours {
				state += ": the kata still panics"
			}
			state += ")"
		}
		fmt.Fprintf(md, "- `%s` (%s): %s%s\n", im.Name, roleNames[im.Role], im.What, state)
	}
	fmt.Fprintf(md, "\n![%s: median time per op of each implementation, with 95%% confidence intervals](%s/%s.svg)\n\n",
		k.Name, p.Charts, k.Name)
	fmt.Fprintf(md, "`go tool benchstat -col /impl` of this run (each column against the first, the reference):\n\n")
	fmt.Fprintf(md, "```\n%s\n```\n\n", strings.TrimRight(table, "\n"))
}
