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
)

func (a *app) resetCmd(_ context.Context, args []string) error {
	fset := flag.NewFlagSet("reset", flag.ContinueOnError)
	force := fset.Bool("force", false, "do not ask first")
	k, err := a.oneKata(fset, "reset NAME [--force]",
		"Reset puts kata NAME back as it was handed out: its files are restored from the\n"+
			"copy built into the runner, and files you added to katas/NAME are removed.\n"+
			"It asks first, unless --force.", args)
	if err != nil {
		return err
	}
	stub, err := pristine(a.stubs, k.Name)
	if err != nil {
		return err
	}
	if !*force && !a.confirm(fmt.Sprintf("Reset katas/%s to the stub? Your changes will be lost [y/N] ", k.Name)) {
		fmt.Fprintln(a.stdout, "nothing changed")
		return nil
	}
	removed, err := restore(filepath.Join(a.root, "katas", k.Name), stub)
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "katas/%s is the stub again: %s restored", k.Name, strings.Join(slices.Sorted(maps.Keys(stub)), ", "))
	if len(removed) > 0 {
		fmt.Fprintf(a.stdout, "; %s removed", strings.Join(removed, ", "))
	}
	fmt.Fprintln(a.stdout)
	return nil
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
// the files it removed.
func restore(dir string, stub map[string][]byte) ([]string, error) {
	removed, err := removeExtra(dir, stub)
	if err != nil {
		return removed, err
	}
	for _, name := range slices.Sorted(maps.Keys(stub)) {
		if err := os.WriteFile(filepath.Join(dir, name), stub[name], 0o644); err != nil {
			return removed, fmt.Errorf("restoring %s: %w", dir, err)
		}
	}
	return removed, nil
}

// removeExtra removes the regular files of dir that the stub does not have
// (files the learner added) and returns their names. Directories are left.
func removeExtra(dir string, stub map[string][]byte) ([]string, error) {
	have, err := filesIn(dir)
	if err != nil {
		return nil, err
	}
	var removed []string
	for _, name := range slices.Sorted(maps.Keys(have)) {
		if _, ok := stub[name]; ok {
			continue
		}
		if err := os.Remove(filepath.Join(dir, name)); err != nil {
			return removed, fmt.Errorf("removing a file added to %s: %w", dir, err)
		}
		removed = append(removed, name)
	}
	return removed, nil
}
