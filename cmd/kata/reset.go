package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/conckata/conckata/internal/catalog"
)

func (a *app) resetCmd(_ context.Context, args []string) error {
	fset := flag.NewFlagSet("reset", flag.ContinueOnError)
	force := fset.Bool("force", false, "do not ask first")
	all := fset.Bool("all", false, "reset every kata")
	katas, err := a.katasToReset(fset, all, args)
	if err != nil {
		return err
	}
	stubs := make([]map[string][]byte, len(katas))
	for i, k := range katas {
		if stubs[i], err = pristine(a.stubs, k.Name); err != nil {
			return err
		}
		added, err := addedFiles(filepath.Join(a.root, "katas", k.Name), stubs[i])
		if err != nil {
			return err
		}
		if len(added) > 0 {
			fmt.Fprintf(a.stdout, "katas/%s: files you added will be removed (kept in the backup): %s\n", k.Name, strings.Join(added, ", "))
		}
	}
	what := "katas/" + katas[0].Name
	if *all {
		what = "every kata"
	}
	if !*force && !a.confirm(fmt.Sprintf("Reset %s to the stub? A backup is kept in %s [y/N] ", what, backupDir)) {
		fmt.Fprintln(a.stdout, "nothing changed")
		return nil
	}
	for i, k := range katas {
		if err := a.resetKata(k.Name, stubs[i]); err != nil {
			return err
		}
	}
	return nil
}

// katasToReset parses reset's arguments: one kata name, or --all.
func (a *app) katasToReset(fset *flag.FlagSet, all *bool, args []string) ([]catalog.Kata, error) {
	names, err := a.parseArgs(fset, "reset NAME [--force] | reset --all [--force]",
		"Reset puts kata NAME (or, with --all, every kata) back as it was handed out:\n"+
			"its files are restored from the copy built into the runner, files you added\n"+
			"to katas/NAME are removed and its hints count from the first again. First\n"+
			"it copies katas/NAME to "+backupDir+"/NAME/<UTC time>/ and says where.\n"+
			"It asks first, unless --force.", args)
	switch {
	case err != nil:
		return nil, err
	case *all && len(names) > 0:
		return nil, usageErrorf("reset --all takes no kata name")
	case *all:
		return a.present()
	case len(names) != 1:
		return nil, usageErrorf("want one kata name or --all, got %d names (usage: go run ./cmd/kata reset NAME [--force])", len(names))
	}
	k, err := a.kata(names[0])
	return []catalog.Kata{k}, err
}

// backupDir holds, per kata and time of reset, the learner's files as they
// were before the reset.
const backupDir = ".kata/backup"

// resetKata backs katas/name up, restores its stub and forgets its hints.
func (a *app) resetKata(name string, stub map[string][]byte) error {
	dir := filepath.Join(a.root, "katas", name)
	backup, err := a.backUp(dir, name)
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "katas/%s backed up to %s\n", name, backup)
	removed, err := restore(dir, stub)
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "katas/%s is the stub again: %s restored", name, strings.Join(slices.Sorted(maps.Keys(stub)), ", "))
	if len(removed) > 0 {
		fmt.Fprintf(a.stdout, "; %s removed", strings.Join(removed, ", "))
	}
	fmt.Fprintln(a.stdout)
	return a.forgetHints(name)
}

// backUp copies dir to .kata/backup/NAME/<UTC time>/ and returns that path,
// relative to the module root. A second reset within the same second gets
// its own directory.
func (a *app) backUp(dir, name string) (string, error) {
	stamp := a.clock().UTC().Format("20060102T150405Z")
	for n := 1; ; n++ {
		rel := filepath.Join(backupDir, name, stamp)
		if n > 1 {
			rel += fmt.Sprintf("-%d", n)
		}
		if _, err := os.Stat(filepath.Join(a.root, rel)); err == nil {
			continue
		}
		if err := os.CopyFS(filepath.Join(a.root, rel), os.DirFS(dir)); err != nil {
			return "", fmt.Errorf("backing up %s (nothing was reset): %w", dir, err)
		}
		return rel + string(filepath.Separator), nil
	}
}

// forgetHints makes the next hint of kata name its first again.
func (a *app) forgetHints(name string) error {
	seen, err := a.loadHintsSeen()
	if err != nil {
		return err
	}
	if _, ok := seen[name]; !ok {
		return nil
	}
	delete(seen, name)
	return a.saveHintsSeen(seen)
}

// clock returns the time now, or the test's fixed time.
func (a *app) clock() time.Time {
	if a.now != nil {
		return a.now()
	}
	return time.Now()
}

// confirm asks question on stdout and reports whether the answer read from
// stdin is yes. No answer (end of input) is no.
func (a *app) confirm(question string) bool {
	fmt.Fprint(a.stdout, question)
	answer, _ := bufio.NewReader(a.stdin).ReadString('\n')
	answer = strings.ToLower(strings.TrimSpace(answer))
	return answer == "y" || answer == "yes"
}

// restore makes dir hold exactly the stub's files, and returns the names of
// the files it removed. A stub's file in a subdirectory gets its directory
// back if the learner removed it.
func restore(dir string, stub map[string][]byte) ([]string, error) {
	removed, err := removeExtra(dir, stub)
	if err != nil {
		return removed, err
	}
	for _, name := range slices.Sorted(maps.Keys(stub)) {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return removed, fmt.Errorf("restoring %s: %w", dir, err)
		}
		if err := os.WriteFile(path, stub[name], 0o644); err != nil {
			return removed, fmt.Errorf("restoring %s: %w", dir, err)
		}
	}
	return removed, nil
}

// addedFiles returns the names of the regular files in dir and below it
// that the stub does not have: files the learner added.
func addedFiles(dir string, stub map[string][]byte) ([]string, error) {
	have, err := filesIn(dir)
	if err != nil {
		return nil, err
	}
	var added []string
	for _, name := range slices.Sorted(maps.Keys(have)) {
		if _, ok := stub[name]; !ok {
			added = append(added, name)
		}
	}
	return added, nil
}

// removeExtra removes the regular files in dir and below it that the stub
// does not have (files the learner added) and returns their names.
// Directories are left.
func removeExtra(dir string, stub map[string][]byte) ([]string, error) {
	added, err := addedFiles(dir, stub)
	if err != nil {
		return nil, err
	}
	for i, name := range added {
		if err := os.Remove(filepath.Join(dir, filepath.FromSlash(name))); err != nil {
			return added[:i], fmt.Errorf("removing a file added to %s: %w", dir, err)
		}
	}
	return added, nil
}
