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

// stubEmbed holds the pristine copy of every kata, stubs/NAME/PATH.stub for
// katas/NAME/PATH, in subdirectories too: go:embed cannot reach ../../katas, and the .stub suffix
// keeps the copies out of the build. TestEmbeddedStubsMatchKatas keeps them
// equal to katas/ (go test ./cmd/kata -update rewrites them).
//
//go:embed stubs
var stubEmbed embed.FS

// stubFS is stubEmbed with the stubs/ prefix taken off: NAME/PATH.stub.
var stubFS = func() fs.FS {
	sub, err := fs.Sub(stubEmbed, "stubs")
	if err != nil {
		panic("kata: " + err.Error()) // only if the directive above is broken
	}
	return sub
}()

// stubSuffix marks an embedded copy of a kata's file.
const stubSuffix = ".stub"

// pristine returns the files of kata name as its stub has them, by path
// from katas/NAME, '/'-separated ("echo.go", "cmd/echo/main.go"). It fails
// if no stub of the kata is embedded.
func pristine(stubs fs.FS, name string) (map[string][]byte, error) {
	if _, err := fs.Stat(stubs, name); err != nil {
		return nil, fmt.Errorf("no pristine copy of kata %s is built into the runner (go test ./cmd/kata -update adds it): %w", name, err)
	}
	files := map[string][]byte{}
	err := fs.WalkDir(stubs, name, func(path string, d fs.DirEntry, err error) error {
		file, ok := strings.CutSuffix(path, stubSuffix)
		if err != nil || !ok || d.IsDir() {
			return err
		}
		files[strings.TrimPrefix(file, name+"/")], err = fs.ReadFile(stubs, path)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("reading the stub of %s: %w", name, err)
	}
	return files, nil
}

// filesIn returns the regular files in dir and below it, by path from dir,
// '/'-separated, as pristine names them.
func filesIn(dir string) (map[string][]byte, error) {
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		files[relative(dir, path)], err = os.ReadFile(path)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", dir, err)
	}
	return files, nil
}

// relative returns path, a file or directory under dir, as a '/'-separated
// path relative to dir: how the runner names a kata's files ("cmd/echo/main.go").
func relative(dir, path string) string {
	rel, err := filepath.Rel(dir, path)
	if err != nil {
		return filepath.Base(path)
	}
	return filepath.ToSlash(rel)
}

// untouched reports whether katas/NAME holds exactly its stub's files,
// those in its subdirectories (katas/echo/cmd/echo) included. A
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
