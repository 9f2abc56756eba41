package main

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// solutionTree returns a module root with a started katas/semaphore, its
// reference (two files and a test) and its doc page.
func solutionTree(t *testing.T) string {
	t.Helper()
	root := testTree(t, "semaphore*")
	ref := filepath.Join(root, "solutions", "semaphore")
	writeFile(t, filepath.Join(ref, "semaphore.go"), "package semaphore\n\n// The reference.\n")
	writeFile(t, filepath.Join(ref, "waiters.go"), "package semaphore\n\n// Its queue.\n")
	writeFile(t, filepath.Join(ref, "semaphore_test.go"), "package semaphore\n\n// Not shown.\n")
	page, err := os.ReadFile(filepath.Join("testdata", "docpage-semaphore.md"))
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(root, "docs", "katas", "semaphore.md"), string(page))
	return root
}

func TestSolution(t *testing.T) {
	cases := []struct {
		golden, recording string
		wantErr           error
	}{
		{"solution-solved", "solved.json", nil},
		{"solution-refused", "partial.json", errReported},
		{"solution-refused-compile", "compile.json", errReported},
	}
	for _, c := range cases {
		t.Run(c.golden, func(t *testing.T) {
			a, stdout, _ := testApp(t, solutionTree(t), map[string][]string{
				"-race -count=1 -json ./katas/semaphore": {c.recording},
			})
			err := a.dispatch(t.Context(), []string{"solution", "semaphore"})
			if !errors.Is(err, c.wantErr) {
				t.Errorf("solution semaphore: err = %v, want %v", err, c.wantErr)
			}
			checkGolden(t, c.golden, stdout.String())
		})
	}
}

// TestSolutionRemovedByTheTrainer checks that a copy without solutions/ says
// so, without running the tests.
func TestSolutionRemovedByTheTrainer(t *testing.T) {
	root := solutionTree(t)
	if err := os.RemoveAll(filepath.Join(root, "solutions")); err != nil {
		t.Fatal(err)
	}
	a, stdout, _ := testApp(t, root, nil) // no go test expected
	err := a.dispatch(t.Context(), []string{"solution", "semaphore"})
	if exitCode(err) != exitFailing {
		t.Errorf("solution without solutions/: err = %v, want exit status 1", err)
	}
	want := "there is no solutions/semaphore in this copy: the trainer removed the reference solutions\n"
	if stdout.String() != want {
		t.Errorf("solution without solutions/ printed %q, want %q", stdout, want)
	}
}

func TestSection(t *testing.T) {
	page := "# T\n\n## A\n\none\n\n### sub\ntwo\n\n## B\nthree\n"
	if got, want := section(page, "A"), "one\n\n### sub\ntwo"; got != want {
		t.Errorf("section A = %q, want %q", got, want)
	}
	if got := section(page, "C"); got != "" {
		t.Errorf("section C = %q, want none", got)
	}
}

func TestSolutionWithoutPitfalls(t *testing.T) {
	root := solutionTree(t)
	if err := os.Remove(filepath.Join(root, "docs", "katas", "semaphore.md")); err != nil {
		t.Fatal(err)
	}
	a, stdout, _ := testApp(t, root, map[string][]string{
		"-race -count=1 -json ./katas/semaphore": {"solved.json"},
	})
	if err := a.dispatch(t.Context(), []string{"solution", "semaphore"}); err != nil {
		t.Fatal(err)
	}
	if want := "\n(docs/katas/semaphore.md has no Pitfalls section to show)\n"; !strings.HasSuffix(stdout.String(), want) {
		t.Errorf("solution without a doc page ends %q, want %q", stdout, want)
	}
}

// TestSolutionShowsNestedFiles checks that the reference's files in
// subdirectories are shown too: the echo kata's command is part of it.
func TestSolutionShowsNestedFiles(t *testing.T) {
	root := solutionTree(t)
	writeFile(t, filepath.Join(root, "solutions", "semaphore", "cmd", "sem", "main.go"), "package main\n\n// Its command.\n")
	a, stdout, _ := testApp(t, root, map[string][]string{"-race -count=1 -json ./katas/semaphore": {"solved.json"}})
	if err := a.dispatch(t.Context(), []string{"solution", "semaphore"}); err != nil {
		t.Fatal(err)
	}
	if want := "\n── solutions/semaphore/cmd/sem/main.go ──\npackage main\n\n// Its command.\n"; !strings.Contains(stdout.String(), want) {
		t.Errorf("solution semaphore printed\n%s\nwant it to show %q", stdout, want)
	}
}
