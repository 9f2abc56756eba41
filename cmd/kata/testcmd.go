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

// testKata runs kata k's test package and prints one line per property, then
// how many pass. It returns errReported unless all of them pass.
func (a *app) testKata(ctx context.Context, k catalog.Kata, verbose bool) error {
	res, err := a.testAll(ctx, nil, "-race", "-json", "./katas/"+k.Name)
	if err != nil {
		return err
	}
	o := outcomeOf(res, catalog.ImportPath(k.Dir()))
	switch {
	case !o.tested:
		return fmt.Errorf("go test reported nothing for katas/%s: is there a Go package in it?", k.Name)
	case o.compile != nil:
		fmt.Fprintf(a.stdout, "katas/%s does not compile:\n%s\n", k.Name, indent(o.compile))
		fmt.Fprintf(a.stdout, "\nfix that first, then test again · read docs/katas/%s.md\n", k.Name)
		return errReported
	}
	for _, t := range o.props {
		a.printProperty(t, verbose)
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
		fmt.Fprintln(a.stdout, line)
		if verbose && len(detail) > 0 {
			fmt.Fprintln(a.stdout, strings.Join(detail, "\n"))
		}
	}
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
