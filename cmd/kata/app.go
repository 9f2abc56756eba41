package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/conckata/conckata/internal/catalog"
)

// app is what every command works with. Tests build one with a fake goTest,
// a fake source of file changes and a module tree of their own.
type app struct {
	root           string // the module root: the directory of conckata's go.mod
	stdin          io.Reader
	stdout, stderr io.Writer
	terminal       bool // stdout is a terminal: a run shows its progress
	width          int  // the columns a verdict wraps to; 0: defaultWidth
	goTest         goTest
	stubs          fs.FS // the pristine katas: NAME/FILE.go.stub
	// changes reports the names of files changed in dir until ctx is done.
	changes func(ctx context.Context, dir string, stderr io.Writer) <-chan string
	// benchstat compares the implementations of a raw benchmark output
	// file; nil runs go tool benchstat.
	benchstat func(ctx context.Context, file string) (string, error)
	now       func() time.Time // nil: time.Now
}

// errHelpShown is returned by a command that printed its --help.
var errHelpShown = errors.New("help shown")

// parseArgs parses a command's flags, which may come before or after its
// arguments (`test semaphore -v`), and returns the arguments. On --help it
// prints the command's usage and returns errHelpShown.
func (a *app) parseArgs(fset *flag.FlagSet, synopsis, about string, args []string) ([]string, error) {
	fset.SetOutput(io.Discard)
	fset.Usage = func() {}
	var positional []string
	for {
		err := fset.Parse(args)
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprintf(a.stdout, "usage: go run ./cmd/kata %s\n\n%s\n", synopsis, about)
			fset.SetOutput(a.stdout)
			fset.PrintDefaults()
			return nil, errHelpShown
		}
		if err != nil {
			return nil, usageErrorf("%s (usage: go run ./cmd/kata %s)", err, synopsis)
		}
		if fset.NArg() == 0 {
			return positional, nil
		}
		positional = append(positional, fset.Arg(0))
		args = fset.Args()[1:]
	}
}

// kata returns the kata called name, which must be present in the module.
func (a *app) kata(name string) (catalog.Kata, error) {
	k, ok := catalog.Lookup(name)
	if !ok {
		return k, unknownKata(name)
	}
	if info, err := os.Stat(filepath.Join(a.root, "katas", name)); err != nil || !info.IsDir() {
		return k, fmt.Errorf("kata %s is not in this checkout yet (no directory katas/%s)", name, name)
	}
	return k, nil
}

// oneKata parses args that must name exactly one kata.
func (a *app) oneKata(fset *flag.FlagSet, synopsis, about string, args []string) (catalog.Kata, error) {
	names, err := a.parseArgs(fset, synopsis, about, args)
	if err != nil {
		return catalog.Kata{}, err
	}
	if len(names) != 1 {
		return catalog.Kata{}, usageErrorf("want one kata name, got %d (usage: go run ./cmd/kata %s)", len(names), synopsis)
	}
	return a.kata(names[0])
}

// present returns the katas of the catalogue that this checkout has.
func (a *app) present() ([]catalog.Kata, error) {
	katas, err := catalog.Present(a.root)
	if err != nil {
		return nil, err
	}
	if len(katas) == 0 {
		return nil, fmt.Errorf("no katas in %s: katas/ holds none of the course's katas", a.root)
	}
	return katas, nil
}
