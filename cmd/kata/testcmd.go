package main

import (
	"context"
	"flag"
	"fmt"
	"slices"
	"strings"

	"github.com/conckata/conckata/internal/catalog"
	"github.com/conckata/conckata/internal/harness/report"
)

// maxCrashLines bounds the crash output that test -v shows: the panic and
// the first goroutine or two.
const maxCrashLines = 40

func (a *app) testCmd(ctx context.Context, args []string) error {
	fset := flag.NewFlagSet("test", flag.ContinueOnError)
	verbose := fset.Bool("v", false, "show the detail under each failing property: stacks, the counterexample")
	k, err := a.oneKata(fset, "test NAME [-v]",
		"Test runs the properties of kata NAME under the race detector and prints one line\n"+
			"per property: a check mark, or what was expected and what happened instead.\n"+
			"It exits with status 1 unless every property passes.", args)
	if err != nil {
		return err
	}
	return a.testKata(ctx, k, *verbose)
}

// testKata runs kata k's test package and prints one line per property as
// soon as the property is decided, then how many pass. It returns
// errReported unless all of them pass.
func (a *app) testKata(ctx context.Context, k catalog.Kata, verbose bool) error {
	pkg := catalog.ImportPath(k.Dir())
	shared, sharedErr := a.sharedHash()
	own, ownErr := a.kataHash(k.Name)
	decided := newResults() // the events so far, for the detail of a property's line
	printed := map[string]bool{}
	progress := &progressLine{}
	if a.terminal {
		progress.w = a.stdout
	}
	res, err := a.testAll(ctx, func(e testEvent) {
		decided.add(e)
		if e.Package != pkg || !isProperty(e.Test) {
			return
		}
		if e.Action == "pass" || e.Action == "fail" || e.Action == "skip" {
			progress.clear()
			a.printProperty(decided.pkg(pkg).test(e.Test), verbose)
			printed[e.Test] = true
		}
		progress.note(e.Action)
	}, freshRun("./"+k.Dir())...)
	progress.clear()
	if err != nil {
		return err
	}
	o := outcomeOf(res, pkg)
	if sharedErr == nil && ownErr == nil {
		a.remember(k.Name, shared, own, o)
	}
	switch {
	case !o.tested:
		return fmt.Errorf("go test reported nothing for katas/%s: is there a Go package in it?", k.Name)
	case o.compile != nil:
		fmt.Fprintf(a.stdout, "katas/%s does not compile:\n%s\n", k.Name, indent(o.compile))
		fmt.Fprintf(a.stdout, "\nfix that first, then test again · read docs/katas/%s.md\n", k.Name)
		return errReported
	}
	for _, t := range o.props {
		if !printed[t.name] { // it did not finish: the test binary crashed first
			a.printProperty(t, verbose)
		}
	}
	a.printTrouble(o, verbose)
	if len(o.props) == 0 {
		fmt.Fprintf(a.stdout, "\nno property ran · read docs/katas/%s.md\n", k.Name)
	} else {
		fmt.Fprintf(a.stdout, "\n%d of %d properties pass · read docs/katas/%s.md\n", len(o.props)-o.failing(), len(o.props), k.Name)
	}
	if !o.passed {
		return errReported
	}
	return nil
}

// freshRun returns the arguments of a go test of pkgs that really runs the
// tests: -count=1 keeps go test from answering with a cached result, which
// would repeat an old verdict (a kata's tests read files go test does not
// track, and a learner expects a run to run).
func freshRun(pkgs ...string) []string {
	return append([]string{"-race", "-count=1", "-json"}, pkgs...)
}

// isProperty reports whether a test's name is a property's: a subtest of a
// top-level test ("TestEvent/zero-value-is-unset").
func isProperty(test string) bool { return strings.Count(test, "/") == 1 }

// printProperty prints a property's line, and with verbose the detail the
// harness gives under a failure.
func (a *app) printProperty(t *testResult, verbose bool) {
	switch t.action {
	case "pass":
		fmt.Fprintf(a.stdout, "✓ %s\n", t.base())
	case "":
		fmt.Fprintf(a.stdout, "? %s: did not finish: the test binary crashed first\n", t.base())
	case "skip":
		fmt.Fprintf(a.stdout, "- %s: skipped\n", t.base())
	default:
		line, detail := t.verdict()
		if line == "" {
			line = report.FailWithout(t.base(), firstOwnLine(t.output))
		}
		fmt.Fprintln(a.stdout, wrap(line, a.columns(), "", "    "))
		var rest []string
		for _, d := range detail {
			if cmd, ok := report.ParseRepeat(d); ok {
				fmt.Fprintln(a.stdout, wrap("to repeat it: "+cmd, a.columns(), "    ", "      "))
				continue
			}
			rest = append(rest, d)
		}
		if verbose && len(rest) > 0 {
			fmt.Fprintln(a.stdout, strings.Join(rest, "\n"))
		}
	}
}

// columns is the width verdicts wrap to.
func (a *app) columns() int {
	if a.width <= 0 {
		return defaultWidth
	}
	return a.width
}

// printTrouble tells what went wrong outside the properties: a crash of the
// test binary, or a failure no property owns.
func (a *app) printTrouble(o kataOutcome, verbose bool) {
	if o.crash != nil {
		fmt.Fprintf(a.stdout, "\nthe test binary crashed: %s\n", o.crash[0])
		if verbose {
			output := slices.DeleteFunc(slices.Clone(o.crash[1:]), isFraming)
			fmt.Fprintln(a.stdout, indent(output[:min(len(output), maxCrashLines)]))
		} else {
			fmt.Fprintln(a.stdout, "(-v shows its output)")
		}
	}
	if o.other != "" {
		fmt.Fprintf(a.stdout, "\nthe package fails outside its properties: %s\n", o.other)
	}
}

// indent indents each line by four spaces and joins them.
func indent(lines []string) string {
	return "    " + strings.Join(lines, "\n    ")
}
