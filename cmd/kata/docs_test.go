package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/conckata/conckata/internal/catalog"
)

// checkDocsOn runs checkDocs on the recorded mutants run and the given page.
func checkDocsOn(t *testing.T, page string) verdict {
	t.Helper()
	root := testTree(t, "semaphore")
	dir := filepath.Join(root, "docs", "katas")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "semaphore.md"), []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	a, _, _ := testApp(t, root, map[string][]string{runMutants: {"mutants.json"}})
	res, err := a.testAll(t.Context(), nil, strings.Fields(runMutants)...)
	if err != nil {
		t.Fatal(err)
	}
	k, _ := catalog.Lookup("semaphore")
	return a.checkDocs(k, res)
}

func TestCheckDocs(t *testing.T) {
	good, err := os.ReadFile(filepath.Join("testdata", "docpage-semaphore.md"))
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, page, wantNote string
	}{
		{"complete", string(good), ""},
		{"heading missing", strings.Replace(string(good), "### no-barging\n", "### No barging\n", 1),
			`has no heading "### no-barging" under ## Properties`},
		{"heading outside Properties", strings.Replace(string(good), "### linearizable\n", "", 1) + "\n## Notes\n\n### linearizable\n",
			`has no heading "### linearizable"`},
		{"pitfall missing", strings.Replace(string(good), "Mutant: `lifo-waiters`", "A LIFO list", 1),
			"has no pitfall saying \"Mutant: `lifo-waiters`\""},
		{"pitfall names no catching property", strings.Replace(string(good), "Caught by `over-release-panics`", "Caught by a test", 1),
			"the pitfall of mutant over-release-accepted in docs/katas/semaphore.md names none of the properties that catch it (over-release-panics)"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			v := checkDocsOn(t, c.page)
			if c.wantNote == "" {
				if !v.ok || v.summary != "docs 13 headings, 7 pitfalls" {
					t.Errorf("checkDocs on a complete page = %+v, want ok with 13 headings and 7 pitfalls", v)
				}
				return
			}
			if v.ok || len(v.notes) != 1 || !strings.Contains(v.notes[0], c.wantNote) {
				t.Errorf("checkDocs = %+v, want one note containing %q", v, c.wantNote)
			}
		})
	}
}
