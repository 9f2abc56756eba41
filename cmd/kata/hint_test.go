package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const hintDoc = "# semaphore: a test page\n\n## Hints\n\nNot a hint.\n\n### Hint 1\nFirst.\n\n### Hint 2\nSecond,\n\n```go\n### not a heading: in a fence\n```\n\n#### Details\nnot part of hint 2.\n\n## Pitfalls\n\n### Hint 3\nUnder Pitfalls: not a hint.\n"

func TestHintsIn(t *testing.T) {
	want := []string{"First.", "Second,\n\n```go\n### not a heading: in a fence\n```"}
	if got := hintsIn(hintDoc); !slices.Equal(got, want) {
		t.Errorf("hintsIn =\n%q\nwant\n%q", got, want)
	}
}

// TestHintShowsOneMoreEachTime runs hint until past the last one, then
// forgets and starts again, as a learner would.
func TestHintShowsOneMoreEachTime(t *testing.T) {
	root := testTree(t, "semaphore")
	page := filepath.Join(root, "docs", "katas", "semaphore.md")
	if err := os.MkdirAll(filepath.Dir(page), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(page, []byte(hintDoc), 0o644); err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	for _, args := range [][]string{
		{"hint", "semaphore"}, {"hint", "semaphore"}, {"hint", "semaphore"},
		{"hint", "semaphore", "--reset"}, {"hint", "semaphore"},
	} {
		a, stdout, _ := testApp(t, root, nil)
		if err := a.dispatch(t.Context(), args); err != nil {
			t.Fatalf("%s: %v", strings.Join(args, " "), err)
		}
		out.WriteString("$ kata " + strings.Join(args, " ") + "\n" + stdout.String())
	}
	checkGolden(t, "hint", out.String())
	data, err := os.ReadFile(filepath.Join(root, ".kata", "hints.json"))
	if err != nil || !strings.Contains(string(data), `"semaphore": 1`) {
		t.Errorf(".kata/hints.json = %q, %v; want it to record 1 hint of semaphore", data, err)
	}
}

func TestHintWithoutDocPage(t *testing.T) {
	a, _, _ := testApp(t, testTree(t, "semaphore"), nil)
	err := a.dispatch(t.Context(), []string{"hint", "semaphore"})
	if err == nil || !strings.Contains(err.Error(), "reading the hints of semaphore") {
		t.Errorf("hint without a doc page: err = %v, want one about reading the hints", err)
	}
}
