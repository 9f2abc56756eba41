package catalog

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"testing"

	"github.com/conckata/conckata/internal/harness"
)

func TestMain(m *testing.M) { harness.Main(m) }

func TestAllIsTheCourseInTeachingOrder(t *testing.T) {
	want := []string{"event", "lock", "semaphore", "task", "shield", "gather", "ascompleted", "wait", "queue",
		"counter", "executor", "mapreduce", "pool", "products", "breaker", "echo", "fetch", "bff", "subprocess"}
	var got []string
	for _, k := range All {
		got = append(got, k.Name)
		if k.Original == "" {
			t.Errorf("kata %s names no original", k.Name)
		}
		if !slices.Contains([]string{"easy", "medium", "hard"}, k.Level) {
			t.Errorf("kata %s has level %q, want easy, medium or hard", k.Name, k.Level)
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("All names\n%q\nwant\n%q", got, want)
	}
}

func TestNamesArePackageNames(t *testing.T) {
	pkg := regexp.MustCompile(`^[a-z][a-z0-9]*$`)
	for _, k := range All {
		if !pkg.MatchString(k.Name) {
			t.Errorf("kata name %q is not a plain Go package name", k.Name)
		}
	}
}

func TestLookup(t *testing.T) {
	if k, ok := Lookup("event"); !ok || k.Original != "asyncio.Event" {
		t.Errorf(`Lookup("event") = %v, %v; want asyncio.Event, true`, k, ok)
	}
	if k, ok := Lookup("nope"); ok {
		t.Errorf(`Lookup("nope") = %v, true; want false`, k)
	}
}

func TestPresentKeepsTeachingOrderAndNeedsADirectory(t *testing.T) {
	root := t.TempDir()
	for _, dir := range []string{"katas/gather", "katas/semaphore", "katas/unknown"} {
		if err := os.MkdirAll(filepath.Join(root, dir), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	// A file where a kata's directory would be does not make it present.
	if err := os.WriteFile(filepath.Join(root, "katas", "lock"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := Present(root)
	if err != nil {
		t.Fatal(err)
	}
	want := []Kata{{"semaphore", "asyncio.Semaphore", "hard"}, {"gather", "asyncio.gather", "medium"}}
	if !slices.Equal(got, want) {
		t.Errorf("Present = %v, want %v", got, want)
	}
}

func TestPresentOnAnEmptyTree(t *testing.T) {
	got, err := Present(t.TempDir())
	if err != nil || len(got) != 0 {
		t.Errorf("Present(empty dir) = %v, %v; want nothing, nil", got, err)
	}
}

func TestPaths(t *testing.T) {
	k, _ := Lookup("event")
	for got, want := range map[string]string{
		k.Dir():                     "katas/event",
		k.SolutionDir():             "solutions/event",
		k.SuiteDir():                "internal/conformance/eventtest",
		k.DocPage():                 "docs/katas/event.md",
		ImportPath(k.SuiteDir()):    "github.com/conckata/conckata/internal/conformance/eventtest",
		ImportPath(k.SolutionDir()): "github.com/conckata/conckata/solutions/event",
	} {
		if got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	}
}

// TestPathsExist checks the paths against this checkout: every present
// kata has its solution, its suite and its page where the catalogue says.
func TestPathsExist(t *testing.T) {
	root := filepath.Join("..", "..")
	katas, err := Present(root)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range katas {
		for _, p := range []string{k.SolutionDir(), k.SuiteDir(), k.DocPage()} {
			if _, err := os.Stat(filepath.Join(root, filepath.FromSlash(p))); err != nil {
				t.Errorf("kata %s: %v", k.Name, err)
			}
		}
	}
}
