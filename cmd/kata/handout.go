package main

import (
	"context"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/conckata/conckata/internal/module"
)

func (a *app) handoutCmd(_ context.Context, args []string) error {
	fset := flag.NewFlagSet("handout", flag.ContinueOnError)
	dirs, err := a.parseArgs(fset, "handout DIR",
		"Handout writes a copy of this checkout for learners into DIR, which must not\n"+
			"exist yet: every file but .git, .kata, bench/ and the reference solutions.\n"+
			"It keeps only the solutions that the katas and their suites import, because\n"+
			"later katas use their types (solutions/task, solutions/pool); it names them.\n"+
			"On the copy, the board, test, watch and hint work; solution and bench say\n"+
			"the references are gone, and verify says which are missing.", args)
	if err != nil {
		return err
	}
	if len(dirs) != 1 {
		return usageErrorf("want one directory, got %d (usage: go run ./cmd/kata handout DIR)", len(dirs))
	}
	dst, err := filepath.Abs(dirs[0])
	if err != nil {
		return err
	}
	if _, err := os.Stat(dst); err == nil {
		return fmt.Errorf("%s exists already: handout writes a new directory, and overwrites nothing", dst)
	}
	if rel, err := filepath.Rel(a.root, dst); err == nil && !strings.HasPrefix(rel, "..") {
		return fmt.Errorf("%s is inside this checkout: write the copy somewhere else", dst)
	}
	kept, err := a.importedSolutions()
	if err != nil {
		return err
	}
	n, err := a.copyHandout(dst, kept)
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "wrote %d files to %s, without bench/ and the reference solutions\n", n, dst)
	if len(kept) > 0 {
		fmt.Fprintf(a.stdout, "kept %s: the katas use their types, so learners can read them\n", strings.Join(kept, ", "))
	}
	fmt.Fprintf(a.stdout, "learners start with: cd %s && go run ./cmd/kata\n", dst)
	return nil
}

// solutionImport matches an import of a reference solution in Go source.
var solutionImport = regexp.MustCompile(`"` + regexp.QuoteMeta(module.Path) + `/(solutions/[a-z0-9]+)"`)

// importedSolutions returns the solutions/NAME directories that the files a
// learner's tests build from (katas/ and internal/, without their own tests)
// import, sorted.
func (a *app) importedSolutions() ([]string, error) {
	var kept []string
	for _, dir := range []string{"katas", "internal"} {
		err := filepath.WalkDir(filepath.Join(a.root, dir), func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
				return err
			}
			src, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			for _, m := range solutionImport.FindAllStringSubmatch(string(src), -1) {
				if !slices.Contains(kept, m[1]) {
					kept = append(kept, m[1])
				}
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("reading %s: %w", dir, err)
		}
	}
	slices.Sort(kept)
	return kept, nil
}

// copyHandout copies the checkout's files into dst, leaving out what a
// learner's copy must not have, and returns how many it copied.
func (a *app) copyHandout(dst string, kept []string) (int, error) {
	n := 0
	err := filepath.WalkDir(a.root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel := relative(a.root, path)
		if d.IsDir() {
			if leftOut(rel, kept) {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() || leftOut(rel, kept) {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		target := filepath.Join(dst, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		n++
		return os.WriteFile(target, data, info.Mode().Perm())
	})
	if err != nil {
		return n, fmt.Errorf("writing the copy: %w", err)
	}
	return n, nil
}

// leftOut reports whether the file or directory rel (slash-separated, from
// the module root) stays out of a learner's copy.
func leftOut(rel string, kept []string) bool {
	first, rest, _ := strings.Cut(rel, "/")
	switch first {
	case ".git", ".kata", "bench":
		return true
	case "solutions":
		if rest == "" {
			return false
		}
		name, _, _ := strings.Cut(rest, "/")
		return !slices.Contains(kept, "solutions/"+name)
	}
	return rel == "cmd/kata/kata" || rel == "kata" // a binary go build left
}
