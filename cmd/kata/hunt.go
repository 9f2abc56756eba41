package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

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

// huntOverlay writes the go build -overlay file that adds the learner's hunt
// test to the reference's package (as it is: the kata's test files are the
// reference's) and to the suite's package (rewritten into that package:
// the suite's import dropped, its qualifier with it), so that it runs on the
// reference and on the suite's mutants. It returns the overlay file's path.
func (a *app) huntOverlay(k catalog.Kata, src []byte) (string, error) {
	suite := k.Name + "test"
	inSuite, err := intoPackage(src, suite, catalog.ImportPath(k.SuiteDir()))
	if err != nil {
		return "", fmt.Errorf("reading katas/%s/hunt_test.go: %w", k.Name, err)
	}
	dir := filepath.Join(a.root, ".kata", "hunt")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	files := map[string][]byte{
		filepath.Join(a.root, k.SolutionDir(), "zz_hunt_test.go"): src,
		filepath.Join(a.root, k.SuiteDir(), "zz_hunt_test.go"):    inSuite,
	}
	replace := map[string]string{}
	for target, data := range files {
		copyPath := filepath.Join(dir, filepath.Base(filepath.Dir(target))+"_hunt_test.go")
		if err := os.WriteFile(copyPath, data, 0o644); err != nil {
			return "", err
		}
		replace[target] = copyPath
	}
	data, err := json.Marshal(map[string]any{"Replace": replace})
	if err != nil {
		return "", err
	}
	overlay := filepath.Join(dir, "overlay.json")
	return overlay, os.WriteFile(overlay, data, 0o644)
}

// intoPackage rewrites a Go file of another package into package name, which
// has the import path path: the file's import of path goes, and so does the
// qualifier of every name it took from there.
func intoPackage(src []byte, name, path string) ([]byte, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "hunt_test.go", src, parser.ParseComments)
	if err != nil {
		return nil, err
	}
	type edit struct {
		from, to int
		text     string
	}
	off := func(p token.Pos) int { return fset.Position(p).Offset }
	edits := []edit{{off(f.Name.Pos()), off(f.Name.End()), name}}
	qualifier := ""
	for _, imp := range f.Imports {
		if strings.Trim(imp.Path.Value, `"`) == path {
			qualifier = name
			if imp.Name != nil {
				qualifier = imp.Name.Name
			}
			edits = append(edits, edit{off(imp.Pos()), off(imp.End()), ""})
		}
	}
	if qualifier != "" {
		ast.Inspect(f, func(n ast.Node) bool {
			if sel, ok := n.(*ast.SelectorExpr); ok {
				if id, ok := sel.X.(*ast.Ident); ok && id.Name == qualifier && id.Obj == nil {
					edits = append(edits, edit{off(id.Pos()), off(sel.Sel.Pos()), ""})
				}
			}
			return true
		})
	}
	slices.SortFunc(edits, func(x, y edit) int { return y.from - x.from })
	out := slices.Clone(src)
	for _, e := range edits {
		out = append(out[:e.from], append([]byte(e.text), out[e.to:]...)...)
	}
	return format.Source(out)
}
