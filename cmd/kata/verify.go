package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/conckata/conckata/internal/catalog"
	"github.com/conckata/conckata/internal/module"
)

// phase is one of verify's four go test runs, each over every kata at once.
type phase struct {
	name  string
	args  []string
	check func(k catalog.Kata, res *results) verdict
	// docs, if set, is a second check on the same run's results: the
	// mutants run lists every property and what caught each mutant, which
	// is what the doc page must show.
	docs func(a *app, k catalog.Kata, res *results) verdict
}

// verdict is what one phase found for one kata.
type verdict struct {
	ok      bool
	summary string   // a few words for the kata's line: "stub fails 13/13"
	notes   []string // lines under the kata's line: catches, skips, problems
}

// phases are run in this order: the stub first, as the cheapest, and the
// mutants last, as the longest.
var phases = []phase{
	{"stub", []string{"-race", "-json", "./katas/..."}, checkStub, nil},
	{"reference", []string{"-race", "-count=3", "-json", "./solutions/..."}, checkReference, nil},
	{"peers", []string{"-race", "-json", "-run", "^TestPeers$", "./internal/conformance/..."}, checkPeers, nil},
	{"mutants", []string{"-race", "-json", "-run", "^(TestMutants|TestMutantBase)$", "./internal/conformance/..."}, checkMutants, (*app).checkDocs},
}

func (a *app) verifyCmd(ctx context.Context, args []string) error {
	fset := flag.NewFlagSet("verify", flag.ContinueOnError)
	names, err := a.parseArgs(fset, "verify",
		"Verify proves, for every kata (or for the katas named), that its stub fails\n"+
			"every property without crashing, that its reference passes under -race three\n"+
			"times over, that every peer passes (skips listed with their reasons) and that\n"+
			"every mutant is caught. It ends with \"verify: N passed, M failed\" and exits 1\n"+
			"if a check failed.", args)
	if err != nil {
		return err
	}
	katas, err := a.verified(names)
	if err != nil {
		return err
	}
	if missing := a.missingReferences(katas); len(missing) > 0 {
		fmt.Fprintf(a.stdout, "verify: this copy has no reference solution for %s (a trainer's handout?).\n"+
			"verify proves the references, peers and mutants, so it needs solutions/ and bench/:\n"+
			"run it in the full checkout. The board, test, watch and hint work here.\n", strings.Join(missing, ", "))
		return errReported
	}
	verdicts := map[string][]verdict{}
	for i, ph := range phases {
		res, err := a.runPhase(ctx, fmt.Sprintf("verify %d/%d, %s", i+1, len(phases), ph.name), scoped(ph.args, katas, len(names) > 0))
		if err != nil {
			return fmt.Errorf("verify %s: %w", ph.name, err)
		}
		for _, k := range katas {
			verdicts[k.Name] = append(verdicts[k.Name], ph.check(k, res))
			if ph.docs != nil {
				verdicts[k.Name] = append(verdicts[k.Name], ph.docs(a, k, res))
			}
		}
	}
	return a.report(katas, verdicts)
}

// verified returns the katas verify checks: those named, or every kata
// present when names is empty.
func (a *app) verified(names []string) ([]catalog.Kata, error) {
	if len(names) == 0 {
		return a.present()
	}
	var katas []catalog.Kata
	for _, name := range names {
		k, err := a.kata(name)
		if err != nil {
			return nil, err
		}
		if !slices.Contains(katas, k) {
			katas = append(katas, k)
		}
	}
	return katas, nil
}

// scoped returns a phase's go test arguments for the katas named: its last
// argument, the pattern of every kata's package ("./katas/..."), becomes one
// pattern per kata ("./katas/event/..."). Without names, args are unchanged.
func scoped(args []string, katas []catalog.Kata, named bool) []string {
	if !named {
		return args
	}
	dir := strings.TrimSuffix(strings.TrimPrefix(args[len(args)-1], "./"), "/...")
	out := slices.Clone(args[:len(args)-1])
	for _, k := range katas {
		for _, d := range []string{k.Dir(), k.SolutionDir(), k.SuiteDir()} {
			if path.Dir(d) == dir {
				out = append(out, "./"+d+"/...")
			}
		}
	}
	return out
}

// runPhase runs go test with args, telling its progress on stderr.
func (a *app) runPhase(ctx context.Context, title string, args []string) (*results, error) {
	fmt.Fprintf(a.stderr, "%s: go test %s\n", title, strings.Join(args, " "))
	start := time.Now()
	res, err := a.testAll(ctx, a.progress, args...)
	if err == nil {
		fmt.Fprintf(a.stderr, "%s: done in %v\n", title, time.Since(start).Round(100*time.Millisecond))
	}
	return res, err
}

// report prints one line per kata, the notes of each check under it, and the
// closing count of checks passed and failed. It returns errReported if a
// check failed.
func (a *app) report(katas []catalog.Kata, verdicts map[string][]verdict) error {
	width := 0
	for _, k := range katas {
		width = max(width, len(k.Name))
	}
	passed, failed := 0, 0
	for _, k := range katas {
		var summaries, notes []string
		for _, v := range verdicts[k.Name] {
			if v.ok {
				passed++
				summaries = append(summaries, v.summary)
			} else {
				failed++
				summaries = append(summaries, "✗ "+v.summary)
			}
			notes = append(notes, v.notes...)
		}
		fmt.Fprintf(a.stdout, "%-*s  %s\n", width, k.Name, strings.Join(summaries, " · "))
		for _, n := range notes {
			fmt.Fprintf(a.stdout, "  %s\n", n)
		}
	}
	fmt.Fprintf(a.stdout, "\nverify: %d passed, %d failed\n", passed, failed)
	if failed > 0 {
		return errReported
	}
	return nil
}

// peerOrMutant matches the subtests that stand for one peer or one mutant.
var peerOrMutant = regexp.MustCompile(`^Test(Peers|Mutants)/[^/]+$`)

// progress tells on stderr, while go test runs, each package and each peer
// or mutant that is done, so that a long run is not silent.
func (a *app) progress(e testEvent) {
	if e.Action != "pass" && e.Action != "fail" {
		return
	}
	pkg := strings.TrimPrefix(e.Package, module.Path+"/")
	switch {
	case e.Test == "":
		fmt.Fprintf(a.stderr, "  %s: %s\n", pkg, e.Action)
	case peerOrMutant.MatchString(e.Test):
		fmt.Fprintf(a.stderr, "  %s: %s %s\n", pkg, e.Test, e.Action)
	}
}

// missingReferences returns the solutions/NAME directories that are absent
// for the katas present.
func (a *app) missingReferences(katas []catalog.Kata) []string {
	var missing []string
	for _, k := range katas {
		if info, err := os.Stat(filepath.Join(a.root, k.SolutionDir())); err != nil || !info.IsDir() {
			missing = append(missing, k.SolutionDir())
		}
	}
	return missing
}
