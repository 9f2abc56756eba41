package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"

	"github.com/conckata/conckata/internal/catalog"
	"github.com/conckata/conckata/internal/harness"
)

// huntsFile keeps the learner's hunts: the mutant each kata's hunt_test.go is
// after, and the mutants whose hunt passed its check.
const huntsFile = ".kata/hunts.json"

type hunts struct {
	Current map[string]string   `json:"current"` // kata: the mutant hunted now
	Caught  map[string][]string `json:"caught"`  // kata: the mutants caught, in order
}

// huntCount is how many check runs a hunt test must pass, and the mutant
// fail: one run proves little against a bug that depends on the schedule.
const huntCount = 5

func (a *app) huntCmd(ctx context.Context, args []string) error {
	fset := flag.NewFlagSet("hunt", flag.ContinueOnError)
	check := fset.Bool("check", false, "prove the hunt test: it fails on the mutant and passes on the reference, each of 5 runs")
	names, err := a.parseArgs(fset, "hunt NAME [MUTANT] | hunt NAME --check",
		"Hunt hands you one of kata NAME's mutants, a known bug that real code shipped,\n"+
			"with its story but not the property that catches it, and writes a test\n"+
			"skeleton to katas/NAME/hunt_test.go. Write the test that catches the bug.\n"+
			"--check proves it: the test must fail on the mutant and pass on the\n"+
			"reference solution, in each of 5 runs. Caught mutants count on the board\n"+
			"and in kata report.", args)
	if err != nil {
		return err
	}
	if len(names) < 1 || len(names) > 2 || *check && len(names) != 1 {
		return usageErrorf("usage: go run ./cmd/kata hunt NAME [MUTANT], or hunt NAME --check")
	}
	k, err := a.kata(names[0])
	if err != nil {
		return err
	}
	h, err := a.loadHunts()
	if err != nil {
		return err
	}
	if *check {
		return a.checkHunt(ctx, k, h)
	}
	want := ""
	if len(names) == 2 {
		want = names[1]
	}
	return a.startHunt(k, h, want)
}

// startHunt picks the mutant to hunt (want, or the first on the doc page not
// yet caught), tells its story and writes the skeleton.
func (a *app) startHunt(k catalog.Kata, h hunts, want string) error {
	page, err := os.ReadFile(filepath.Join(a.root, k.DocPage()))
	if err != nil {
		return err
	}
	var pick *pitfall
	var all []string
	for _, p := range pitfallsIn(string(page)) {
		for _, m := range p.mutants {
			all = append(all, m)
			if pick == nil && (m == want || want == "" && !slices.Contains(h.Caught[k.Name], m)) {
				p := p
				p.mutants = []string{m}
				pick = &p
			}
		}
	}
	switch {
	case pick == nil && want != "":
		return usageErrorf("kata %s has no mutant %q; its mutants: %v", k.Name, want, all)
	case pick == nil:
		fmt.Fprintf(a.stdout, "you have caught every mutant of %s: %v\n", k.Name, h.Caught[k.Name])
		return nil
	}
	file := filepath.Join(a.root, k.Dir(), "hunt_test.go")
	if _, err := os.Stat(file); err == nil && h.Current[k.Name] != pick.mutants[0] {
		if h.Current[k.Name] == "" {
			return fmt.Errorf("katas/%s/hunt_test.go is there already, from a hunt that ended: move it away to start another", k.Name)
		}
		return fmt.Errorf("katas/%s/hunt_test.go is there already, for the mutant %q: check it, or move it away to start another hunt", k.Name, h.Current[k.Name])
	} else if err != nil {
		if err := os.WriteFile(file, []byte(huntSkeleton(k, *pick)), 0o644); err != nil {
			return err
		}
	}
	h.Current[k.Name] = pick.mutants[0]
	if err := a.saveHunts(h); err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "your hunt: the mutant %s of %s (%s)\n\n", pick.mutants[0], k.Name, pick.title)
	fmt.Fprintln(a.stdout, wrap(pick.story, a.columns(), "", ""))
	fmt.Fprintf(a.stdout, "\nwrite the test that catches it in katas/%s/hunt_test.go, then:\n  go run ./cmd/kata hunt %s --check\n", k.Name, k.Name)
	return nil
}

// huntSkeleton is the hunt_test.go a hunt starts from.
func huntSkeleton(k catalog.Kata, p pitfall) string {
	suite := k.Name + "test"
	return fmt.Sprintf(`package %[1]s

import (
	"testing"

	"github.com/conckata/conckata/internal/conformance/%[2]s"
	"github.com/conckata/conckata/internal/harness"
)

// The hunt: the mutant %[3]s (%[4]s).
//
// Write hunt so that it fails on that bug and passes on a correct %[1]s:
// go run ./cmd/kata hunt %[1]s --check runs it on the mutant and on the
// reference solution, five times each. It gets the implementation as im:
// build what you test with im's fields, as the properties of
// internal/conformance/%[2]s do.
func hunt(t *testing.T, im %[2]s.Impl) {
	t.Skip("write the test that catches %[3]s")
}

func init() { harness.Hunt(hunt) }
`, k.Name, suite, p.mutants[0], p.title)
}

// checkHunt proves the hunt test of kata k: it must fail on the mutant in
// each of huntCount runs, and pass on the reference in each.
func (a *app) checkHunt(ctx context.Context, k catalog.Kata, h hunts) error {
	mutant := h.Current[k.Name]
	src, err := os.ReadFile(filepath.Join(a.root, k.Dir(), "hunt_test.go"))
	if mutant == "" || errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("no hunt in katas/%s: start one with go run ./cmd/kata hunt %s", k.Name, k.Name)
	}
	if err != nil {
		return err
	}
	overlay, err := a.huntOverlay(k, src)
	if err != nil {
		return err
	}
	os.Setenv(harness.HuntEnv, "1") // the test binaries inherit it
	defer os.Unsetenv(harness.HuntEnv)
	test, err := a.kataTestName(k)
	if err != nil {
		return err
	}
	count := fmt.Sprintf("-count=%d", huntCount)
	onMutant, err := a.testAll(ctx, nil, "-race", count, "-timeout=2m", "-json", "-overlay", overlay,
		"-run", "^TestMutants$/^"+mutant+"$", "./"+k.SuiteDir())
	if err != nil {
		return err
	}
	onReference, err := a.testAll(ctx, nil, "-race", count, "-timeout=2m", "-json", "-overlay", overlay,
		"-run", "^"+test+"$", "./"+k.SolutionDir())
	if err != nil {
		return err
	}
	mo := outcomeOf(onMutant, catalog.ImportPath(k.SuiteDir()))
	ro := outcomeOf(onReference, catalog.ImportPath(k.SolutionDir()))
	caughtRuns := runsOf(onMutant.pkg(catalog.ImportPath(k.SuiteDir())), "TestMutants/"+mutant, "fail")
	switch {
	case mo.compile != nil || ro.compile != nil:
	case mo.crash != nil && caughtRuns < huntCount:
		fmt.Fprintf(a.stdout, "✗ on the mutant %s your hunt test crashed or hung (%s): bound its waits\n"+
			"(a ctx with a timeout) so that it fails, as a test should, instead of hanging.\n", mutant, mo.crash[0])
		fmt.Fprintf(a.stdout, "your hunt test does not compile:\n%s\n", indent(append(mo.compile, ro.compile...)))
	case !ro.passed:
		fmt.Fprintf(a.stdout, "✗ your hunt test fails on the reference solution, which is correct: it tests\n"+
			"something the kata does not promise (read docs/katas/%s.md).\n", k.Name)
	case caughtRuns < huntCount:
		fmt.Fprintf(a.stdout, "✗ your hunt test caught the mutant %s in %d of %d runs: it must catch it in\n"+
			"every run. Make the bug certain to show, not just likely.\n", mutant, caughtRuns, huntCount)
	default:
		if !slices.Contains(h.Caught[k.Name], mutant) {
			h.Caught[k.Name] = append(h.Caught[k.Name], mutant)
		}
		delete(h.Current, k.Name)
		if err := a.saveHunts(h); err != nil {
			return err
		}
		fmt.Fprintf(a.stdout, "✓ caught: your test fails on the mutant %s in every run and passes on the\n"+
			"reference. %d of %s's mutants caught. Move katas/%s/hunt_test.go away and run\n"+
			"go run ./cmd/kata hunt %s for the next.\n", mutant, len(h.Caught[k.Name]), k.Name, k.Name, k.Name)
		return nil
	}
	return errReported
}

func (a *app) loadHunts() (hunts, error) {
	h := hunts{Current: map[string]string{}, Caught: map[string][]string{}}
	data, err := os.ReadFile(filepath.Join(a.root, huntsFile))
	if errors.Is(err, fs.ErrNotExist) {
		return h, nil
	}
	if err != nil {
		return h, err
	}
	if err := json.Unmarshal(data, &h); err != nil {
		return h, fmt.Errorf("reading %s: %w", huntsFile, err)
	}
	if h.Current == nil {
		h.Current = map[string]string{}
	}
	if h.Caught == nil {
		h.Caught = map[string][]string{}
	}
	return h, nil
}

func (a *app) saveHunts(h hunts) error {
	data, err := json.MarshalIndent(h, "", "  ")
	if err != nil {
		return err
	}
	path := filepath.Join(a.root, huntsFile)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, append(data, '\n'), 0o644)
}

// runsOf counts the runs of test in p that ended with action.
func runsOf(p *pkgResult, test, action string) int {
	if p == nil {
		return 0
	}
	n := 0
	for _, t := range p.tests {
		if t.name == test && t.action == action {
			n++
		}
	}
	return n
}
