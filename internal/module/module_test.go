package module

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestFindRoot(t *testing.T) {
	root := t.TempDir()
	write := func(path, text string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(root, "go.mod"), "// the course\nmodule github.com/conckata/conckata\n\ngo 1.25\n")
	// A learner's own module inside the clone is passed by.
	write(filepath.Join(root, "scratch", "go.mod"), "module scratch\n")
	deep := filepath.Join(root, "scratch", "a", "b")
	if err := os.MkdirAll(deep, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, dir := range []string{root, deep} {
		if got, err := FindRoot(dir); err != nil || got != root {
			t.Errorf("FindRoot(%s) = %q, %v; want %q", dir, got, err, root)
		}
	}
}

func TestFindRootOutsideTheModule(t *testing.T) {
	_, err := FindRoot(t.TempDir())
	if err == nil || !strings.Contains(err.Error(), "not inside the conckata module") {
		t.Errorf("FindRoot(an empty dir) err = %v, want one saying it is not inside the module", err)
	}
}

func TestFindRootFindsThisModule(t *testing.T) {
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	root, err := FindRoot(wd)
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Dir(filepath.Dir(wd)); root != want {
		t.Errorf("FindRoot(%s) = %s, want %s", wd, root, want)
	}
}
