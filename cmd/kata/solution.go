package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/conckata/conckata/internal/catalog"
)

func (a *app) solutionCmd(ctx context.Context, args []string) error {
	fset := flag.NewFlagSet("solution", flag.ContinueOnError)
	k, err := a.oneKata(fset, "solution NAME",
		"Solution shows the reference solution of kata NAME (solutions/NAME, without\n"+
			"its tests) and the Pitfalls of docs/katas/NAME.md, once your kata passes:\n"+
			"it tests katas/NAME afresh first, and until every property passes it shows\n"+
			"nothing and exits with status 1, so that the reference cannot spoil the kata.", args)
	if err != nil {
		return err
	}
	files, err := a.referenceFiles(k)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		fmt.Fprintf(a.stdout, "there is no %s in this copy: the trainer removed the reference solutions\n", k.SolutionDir())
		return errReported
	}
	res, err := a.testAll(ctx, nil, freshRun("./"+k.Dir())...)
	if err != nil {
		return err
	}
	if o := outcomeOf(res, catalog.ImportPath(k.Dir())); !o.passed {
		fmt.Fprintf(a.stdout, "katas/%s is not solved yet: %s.\n", k.Name, o.state())
		fmt.Fprintf(a.stdout, "The reference is shown once every property passes, so that it does not give\n"+
			"the kata away. go run ./cmd/kata test %s shows what fails;\n"+
			"go run ./cmd/kata hint %s gives a hint.\n", k.Name, k.Name)
		return errReported
	}
	fmt.Fprintf(a.stdout, "katas/%s passes: here is the reference, to compare with yours.\n", k.Name)
	for _, f := range files {
		fmt.Fprintf(a.stdout, "\n── %s ──\n%s", filepath.ToSlash(f.path), f.text)
	}
	a.printPitfalls(k)
	return nil
}

// sourceFile is a file to show: its path from the module root, its text.
type sourceFile struct{ path, text string }

// referenceFiles returns the .go files of k's reference solution, without
// its tests, in path order, those of its subdirectories included (a
// command, as solutions/echo/cmd/echo); none if the copy has no solutions/.
func (a *app) referenceFiles(k catalog.Kata) ([]sourceFile, error) {
	var files []sourceFile
	err := filepath.WalkDir(filepath.Join(a.root, k.SolutionDir()), func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(d.Name(), ".go") || strings.HasSuffix(d.Name(), "_test.go") {
			return err
		}
		text, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(a.root, path)
		files = append(files, sourceFile{rel, string(text)})
		return nil
	})
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading the reference of %s: %w", k.Name, err)
	}
	slices.SortFunc(files, func(x, y sourceFile) int { return strings.Compare(x.path, y.path) })
	return files, nil
}

// printPitfalls prints the Pitfalls section of k's doc page, or says where
// the page is when it has none.
func (a *app) printPitfalls(k catalog.Kata) {
	page, err := os.ReadFile(filepath.Join(a.root, k.DocPage()))
	pitfalls := section(string(page), "Pitfalls")
	if err != nil || pitfalls == "" {
		fmt.Fprintf(a.stdout, "\n(%s has no Pitfalls section to show)\n", k.DocPage())
		return
	}
	fmt.Fprintf(a.stdout, "\n── Pitfalls, from %s ──\n%s\n", k.DocPage(), pitfalls)
}

// section returns the text under the "## heading" of a Markdown page, up to
// the next "## " heading, without surrounding blank lines.
func section(page, heading string) string {
	var lines []string
	in := false
	for line := range strings.SplitSeq(page, "\n") {
		if strings.HasPrefix(line, "## ") {
			in = strings.TrimSpace(line[3:]) == heading
			continue
		}
		if in && !isFold(line) {
			lines = append(lines, line)
		}
	}
	return strings.TrimSpace(strings.Join(lines, "\n"))
}
