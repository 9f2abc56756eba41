package main

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"strings"
)

// stubEmbed holds the pristine copy of every kata, stubs/NAME/FILE.stub for
// katas/NAME/FILE: go:embed cannot reach ../../katas, and the .stub suffix
// keeps the copies out of the build. TestEmbeddedStubsMatchKatas keeps them
// equal to katas/ (go test ./cmd/kata -update rewrites them).
//
//go:embed stubs
var stubEmbed embed.FS

// stubFS is stubEmbed with the stubs/ prefix taken off: NAME/FILE.stub.
var stubFS = func() fs.FS {
	sub, err := fs.Sub(stubEmbed, "stubs")
	if err != nil {
		panic("kata: " + err.Error()) // only if the directive above is broken
	}
	return sub
}()

// stubSuffix marks an embedded copy of a kata's file.
const stubSuffix = ".stub"

// pristine returns the files of kata name as its stub has them, by file
// name. It fails if no stub of the kata is embedded.
func pristine(stubs fs.FS, name string) (map[string][]byte, error) {
	entries, err := fs.ReadDir(stubs, name)
	if err != nil {
		return nil, fmt.Errorf("no pristine copy of kata %s is built into the runner (go test ./cmd/kata -update adds it): %w", name, err)
	}
	files := map[string][]byte{}
	for _, e := range entries {
		file, ok := strings.CutSuffix(e.Name(), stubSuffix)
		if !ok || e.IsDir() {
			continue
		}
		if files[file], err = fs.ReadFile(stubs, name+"/"+e.Name()); err != nil {
			return nil, fmt.Errorf("reading the stub of %s: %w", name, err)
		}
	}
	return files, nil
}

// filesIn returns the regular files directly in dir, by name.
func filesIn(dir string) (map[string][]byte, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("listing %s: %w", dir, err)
	}
	files := map[string][]byte{}
	for _, e := range entries {
		if !e.Type().IsRegular() {
			continue
		}
		if files[e.Name()], err = os.ReadFile(filepath.Join(dir, e.Name())); err != nil {
			return nil, fmt.Errorf("reading %s: %w", e.Name(), err)
		}
	}
	return files, nil
}

// untouched reports whether katas/NAME holds exactly its stub's files. A
// kata without an embedded stub counts as touched: the board then shows its
// test results rather than guessing.
func (a *app) untouched(name string) (bool, error) {
	stub, err := pristine(a.stubs, name)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	have, err := filesIn(filepath.Join(a.root, "katas", name))
	if err != nil {
		return false, err
	}
	return maps.EqualFunc(stub, have, bytes.Equal), nil
}
