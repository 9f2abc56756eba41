package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/conckata/conckata/bench"
	"github.com/conckata/conckata/internal/benchstats"
)

// reportSchema names the version of the JSON that `kata report --json`
// writes and `kata report --merge` reads: docs/report-schema.md describes it.
// A change that a reader of the old version would misread gets a new number.
const reportSchema = "conckata-report/1"

// progress is one learner's report: the JSON of `kata report --json`.
type progress struct {
	Schema    string       `json:"schema"`
	Learner   string       `json:"learner"`
	Generated string       `json:"generated"` // RFC 3339, UTC
	Katas     []kataReport `json:"katas"`
}

// kataReport is one kata of a learner's report.
type kataReport struct {
	Name      string        `json:"name"`
	Level     string        `json:"level"`
	State     string        `json:"state"` // the board's words: "solved", "2 of 13 properties failing", "not started", ...
	Solved    bool          `json:"solved"`
	Started   bool          `json:"started"`
	Failing   []failingProp `json:"failing,omitempty"`
	HintsUsed int           `json:"hints_used"`
	Bench     []string      `json:"bench,omitempty"`  // kata bench's verdict lines, from its last run
	Hunted    []string      `json:"hunted,omitempty"` // the mutants the learner's hunt tests caught (kata hunt)
}

// failingProp is a property that does not pass, and the known bug it points
// to: the mutant, among those it catches, whose catching properties look
// most like the ones failing.
type failingProp struct {
	Property  string `json:"property"`
	Resembles string `json:"resembles,omitempty"` // a mutant's name
	Pitfall   string `json:"pitfall,omitempty"`   // the title of its pitfall on the doc page
}

func (a *app) reportCmd(ctx context.Context, args []string) error {
	fset := flag.NewFlagSet("report", flag.ContinueOnError)
	asJSON := fset.Bool("json", false, "write JSON (schema "+reportSchema+", docs/report-schema.md) instead of Markdown")
	asHTML := fset.Bool("html", false, "write a self-contained HTML page instead of Markdown")
	merge := fset.Bool("merge", false, "merge the JSON reports named as arguments into a team table")
	learner := fset.String("name", "", "the learner's name in the report (default: $USER)")
	files, err := a.parseArgs(fset, "report [--json|--html] [--name NAME] | report --merge [--html] A.json B.json ...",
		"Report writes where you stand, as Markdown (or --html, or --json for a trainer):\n"+
			"each kata's state, the properties still failing and the known bug each looks\n"+
			"like, the hints used and kata bench's last verdicts. It runs no test the board\n"+
			"would not run. With --merge it reads learners' --json reports and writes the\n"+
			"team's table and the properties most often failing.", args)
	if err != nil {
		return err
	}
	if *asJSON && *asHTML {
		return usageErrorf("report writes --json or --html, not both")
	}
	if *merge {
		if *asJSON || len(files) == 0 {
			return usageErrorf("report --merge wants JSON reports to read, and writes Markdown or --html")
		}
		return a.mergeReports(files, *asHTML)
	}
	if len(files) > 0 {
		return usageErrorf("report takes no arguments without --merge")
	}
	p, err := a.progressReport(ctx, *learner)
	if err != nil {
		return err
	}
	switch {
	case *asJSON:
		data, err := json.MarshalIndent(p, "", "  ")
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(a.stdout, "%s\n", data)
		return err
	case *asHTML:
		return writeReportHTML(a.stdout, p)
	}
	return writeReportMarkdown(a.stdout, p)
}

// progressReport gathers the learner's report from the board, the doc pages,
// the hints seen and the last kata bench runs.
func (a *app) progressReport(ctx context.Context, learner string) (progress, error) {
	if learner == "" {
		learner = os.Getenv("USER")
	}
	if learner == "" {
		learner = "learner"
	}
	board, err := a.survey(ctx)
	if err != nil {
		return progress{}, err
	}
	seen, err := a.loadHintsSeen()
	if err != nil {
		return progress{}, err
	}
	h, err := a.loadHunts()
	if err != nil {
		return progress{}, err
	}
	p := progress{Schema: reportSchema, Learner: learner, Generated: a.clock().UTC().Format(time.RFC3339)}
	for _, s := range board {
		kr := kataReport{
			Name: s.kata.Name, Level: s.kata.Level, State: s.state,
			Solved: s.state == "solved", Started: s.state != "not started",
			HintsUsed: seen[s.kata.Name], Bench: a.lastBenchVerdicts(s.kata.Name),
			Hunted: h.Caught[s.kata.Name],
		}
		if len(s.failing) > 0 {
			page, _ := os.ReadFile(filepath.Join(a.root, s.kata.DocPage()))
			like := resembles(pitfallsIn(string(page)), s.failing)
			for _, prop := range s.failing {
				kr.Failing = append(kr.Failing, failingProp{prop, like[prop].mutant, like[prop].title})
			}
		}
		p.Katas = append(p.Katas, kr)
	}
	return p, nil
}

// lastBenchVerdicts returns the verdict lines of the last `kata bench NAME`,
// from its raw results in .kata; none if it never ran.
func (a *app) lastBenchVerdicts(name string) []string {
	kb, ok := bench.KataNamed(name)
	if !ok {
		return nil
	}
	file := filepath.Join(a.root, ".kata", "bench-"+name+".txt")
	raw, err := os.ReadFile(file)
	if err != nil {
		return nil
	}
	res, err := benchstats.Read(bytes.NewReader(raw), file)
	if err != nil {
		return nil
	}
	return verdicts(kb, res)
}
