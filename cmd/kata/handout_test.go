package main

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestHandout writes a trainer's copy and checks what it holds: the katas,
// the suites and the solutions they import; not the other references, bench/,
// .git or the learner's state.
func TestHandout(t *testing.T) {
	root := testTree(t, "semaphore", "wait")
	files := map[string]string{
		"katas/wait/wait.go":               "package wait\n\nimport _ \"github.com/conckata/conckata/solutions/task\"\n",
		"katas/wait/cmd/wait/main.go":      "package main\n",
		"internal/conformance/x/x.go":      "package x\n\nimport _ \"github.com/conckata/conckata/solutions/pool\"\n",
		"internal/conformance/x/x_test.go": "package x\n\nimport _ \"github.com/conckata/conckata/solutions/lock\"\n",
		"solutions/task/task.go":           "package task\n",
		"solutions/pool/pool.go":           "package pool\n",
		"solutions/lock/lock.go":           "package lock\n",
		"solutions/semaphore/semaphore.go": "package semaphore\n",
		"bench/bench_test.go":              "package bench\n",
		".git/config":                      "[core]\n",
		".kata/hints.json":                 "{}\n",
		"docs/katas/semaphore.md":          "# semaphore\n",
		"go.mod":                           "module github.com/conckata/conckata\n",
		"solutionsfile.txt":                "not a solution\n",
	}
	for rel, text := range files {
		path := filepath.Join(root, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	a, stdout, _ := testApp(t, root, nil)
	dst := filepath.Join(t.TempDir(), "handout")
	if err := a.dispatch(t.Context(), []string{"handout", dst}); err != nil {
		t.Fatal(err)
	}
	var got []string
	filepath.WalkDir(dst, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dst, path)
			got = append(got, filepath.ToSlash(rel))
		}
		return err
	})
	want := []string{"docs/katas/semaphore.md", "go.mod", "internal/conformance/x/x.go", "internal/conformance/x/x_test.go",
		"katas/semaphore/semaphore.go", "katas/wait/cmd/wait/main.go", "katas/wait/wait.go", "solutions/pool/pool.go", "solutions/task/task.go", "solutionsfile.txt"}
	if !slices.Equal(got, want) {
		t.Errorf("the copy holds\n%q\nwant\n%q", got, want)
	}
	if !strings.Contains(stdout.String(), "kept solutions/pool, solutions/task: the katas use their types") {
		t.Errorf("handout did not name the solutions it kept:\n%s", stdout)
	}

	// verify on the copy says what is missing, and runs nothing.
	b, out, _ := testApp(t, dst, nil)
	err := b.dispatch(t.Context(), []string{"verify"})
	if !errors.Is(err, errReported) || !strings.Contains(out.String(), "no reference solution for solutions/semaphore, solutions/wait") {
		t.Errorf("verify on the copy: err = %v, output:\n%s\nwant it to name the missing references", err, out)
	}

	// A second handout into the same directory overwrites nothing.
	if err := a.dispatch(t.Context(), []string{"handout", dst}); err == nil || !strings.Contains(err.Error(), "exists already") {
		t.Errorf("handout into an existing directory: err = %v, want one saying it exists", err)
	}
}
