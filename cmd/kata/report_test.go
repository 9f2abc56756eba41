package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// learnerRuns are three simulated learners: which katas each started, and
// the recordings their board's one go test run answers with.
var learnerRuns = []struct {
	name  string
	katas []string
	runs  []string
	hints string // .kata/hints.json
}{
	{"ada", []string{"event*", "semaphore*"}, []string{"planted-event.json", "partial.json"}, `{"event": 2}`},
	{"bo", []string{"event*", "semaphore"}, []string{"solved.json katas/semaphore=katas/event"}, `{}`},
	{"cy", []string{"event*", "semaphore*"}, []string{"planted-event.json", "solved.json"}, `{"semaphore": 3}`},
}

// learnerReport writes the report of learnerRuns[i] in format ("", "--json"
// or "--html").
func learnerReport(t *testing.T, i int, format string) string {
	t.Helper()
	l := learnerRuns[i]
	root := testTree(t, l.katas...)
	copyDocPage(t, root, "event")
	copyDocPage(t, root, "semaphore")
	var started []string
	for _, k := range []string{"event", "semaphore"} {
		if slices.Contains(l.katas, k+"*") {
			started = append(started, "./katas/"+k)
		}
	}
	a, stdout, _ := testApp(t, root, map[string][]string{"-race -json " + strings.Join(started, " "): l.runs})
	a.now = fixedTime
	if err := os.MkdirAll(filepath.Join(root, ".kata"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, hintsFile), []byte(l.hints), 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{"report", "--name", l.name}
	if format != "" {
		args = append(args, format)
	}
	if err := a.dispatch(t.Context(), args); err != nil {
		t.Fatal(err)
	}
	return stdout.String()
}

func TestReport(t *testing.T) {
	for format, golden := range map[string]string{"": "report-ada.md", "--json": "report-ada.json", "--html": "report-ada.html"} {
		checkGolden(t, golden, learnerReport(t, 0, format))
	}
	var p progress
	if err := json.Unmarshal([]byte(learnerReport(t, 0, "--json")), &p); err != nil {
		t.Fatal(err)
	}
	if p.Schema != reportSchema || len(p.Katas) != 2 || p.Katas[0].HintsUsed != 2 {
		t.Errorf("report --json = %+v, want schema %s, two katas, 2 hints used on event", p, reportSchema)
	}
	var like []string
	for _, f := range p.Katas[0].Failing {
		like = append(like, f.Property+"~"+f.Resembles)
	}
	if !slices.Contains(like, "isset-is-race-free~unsynchronised-isset") {
		t.Errorf("event's failing properties and their mutants: %q; want isset-is-race-free like unsynchronised-isset", like)
	}
}

func TestReportMerge(t *testing.T) {
	dir := t.TempDir()
	var files []string
	for i, l := range learnerRuns {
		f := filepath.Join(dir, l.name+".json")
		if err := os.WriteFile(f, []byte(learnerReport(t, i, "--json")), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	for format, golden := range map[string]string{"": "team.md", "--html": "team.html"} {
		a, stdout, _ := testApp(t, testTree(t, "event"), nil)
		args := append([]string{"report", "--merge"}, files...)
		if format != "" {
			args = append(args, format)
		}
		if err := a.dispatch(t.Context(), args); err != nil {
			t.Fatal(err)
		}
		checkGolden(t, golden, stdout.String())
	}

	bad := filepath.Join(dir, "old.json")
	if err := os.WriteFile(bad, []byte(`{"schema": "conckata-report/0"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	a, _, _ := testApp(t, testTree(t, "event"), nil)
	if err := a.dispatch(t.Context(), []string{"report", "--merge", files[0], bad}); err == nil || !strings.Contains(err.Error(), "has schema") {
		t.Errorf("merging a report of another schema: err = %v, want one naming the schema", err)
	}
}

func TestPitfallsIn(t *testing.T) {
	// The real page, whose pitfalls wrap over lines and fold in <details>.
	page, err := os.ReadFile(filepath.Join("..", "..", "docs", "katas", "semaphore.md"))
	if err != nil {
		t.Fatal(err)
	}
	var found *pitfall
	ps := pitfallsIn(string(page))
	for i := range ps {
		if slices.Contains(ps[i].mutants, "raced-grant-loses-permit") {
			found = &ps[i]
		}
	}
	if found == nil {
		t.Fatalf("no pitfall shows raced-grant-loses-permit in %d pitfalls", len(ps))
	}
	if !slices.Contains(found.caughtBy, "cancel-before-release-fails") || slices.Contains(found.caughtBy, "raced-grant-loses-permit") {
		t.Errorf("raced-grant-loses-permit is caught by %q, want cancel-before-release-fails and no mutant name", found.caughtBy)
	}
	got := resembles([]pitfall{
		{title: "A", mutants: []string{"a"}, caughtBy: []string{"p", "q"}},
		{title: "B", mutants: []string{"b"}, caughtBy: []string{"p"}},
	}, []string{"p"})
	if got["p"].mutant != "b" {
		t.Errorf("a lone failing p resembles %q, want b, whose catching set is exactly {p}", got["p"].mutant)
	}
}
