package main

import (
	"bytes"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/conckata/conckata/internal/catalog"
	"github.com/conckata/conckata/internal/module"
)

// moduleRoot returns the root of this module, from the package's directory.
func moduleRoot(t *testing.T) string {
	t.Helper()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	root, err := module.FindRoot(wd)
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// TestEmbeddedStubsMatchKatas checks that reset would restore exactly what
// katas/ holds, for every kata; -update copies katas/ into stubs/.
func TestEmbeddedStubsMatchKatas(t *testing.T) {
	root := moduleRoot(t)
	katas, err := catalog.Present(root)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, k := range katas {
		names = append(names, k.Name)
		have, err := filesIn(filepath.Join(root, "katas", k.Name))
		if err != nil {
			t.Fatal(err)
		}
		if *update {
			writeStub(t, k.Name, have)
			continue
		}
		compareStub(t, k.Name, have)
	}
	entries, err := os.ReadDir("stubs")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !slices.Contains(names, e.Name()) {
			t.Errorf("stubs/%s is the stub of no kata in katas/", e.Name())
		}
	}
}

// compareStub fails t unless the embedded stub of kata name has exactly the
// files of katas/NAME, which are have.
func compareStub(t *testing.T, name string, have map[string][]byte) {
	t.Helper()
	stub, err := pristine(stubFS, name)
	if err != nil {
		t.Error(err)
		return
	}
	for _, file := range slices.Sorted(maps.Keys(have)) {
		if !bytes.Equal(have[file], stub[file]) {
			t.Errorf("katas/%s/%s differs from its embedded stub (go test ./cmd/kata -update copies it)", name, file)
		}
	}
	for _, file := range slices.Sorted(maps.Keys(stub)) {
		if _, ok := have[file]; !ok {
			t.Errorf("the embedded stub of %s has %s, which katas/%s has not (go test ./cmd/kata -update removes it)", name, file, name)
		}
	}
}

// writeStub replaces stubs/NAME by files, each named with stubSuffix, in
// subdirectories as in katas/NAME.
func writeStub(t *testing.T, name string, files map[string][]byte) {
	t.Helper()
	dir := filepath.Join("stubs", name)
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	for file, data := range files {
		path := filepath.Join(dir, filepath.FromSlash(file)+stubSuffix)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestKataAndSolutionShareTheirTestFile checks that the learner's kata and
// the reference run the one same test file.
func TestKataAndSolutionShareTheirTestFile(t *testing.T) {
	root := moduleRoot(t)
	katas, err := catalog.Present(root)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range katas {
		file := k.Name + "_test.go"
		kata, err := os.ReadFile(filepath.Join(root, "katas", k.Name, file))
		if err != nil {
			t.Error(err)
			continue
		}
		solution, err := os.ReadFile(filepath.Join(root, "solutions", k.Name, file))
		if err != nil {
			t.Error(err)
			continue
		}
		if !bytes.Equal(kata, solution) {
			t.Errorf("katas/%s/%s and solutions/%s/%s differ: both must be the same file", k.Name, file, k.Name, file)
		}
	}
}
