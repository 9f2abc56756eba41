package main

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"regexp"
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
		if got, err := findRoot(dir); err != nil || got != root {
			t.Errorf("findRoot(%s) = %q, %v; want %q", dir, got, err, root)
		}
	}
}

func TestFindRootOutsideTheModule(t *testing.T) {
	_, err := findRoot(t.TempDir())
	if err == nil || !strings.Contains(err.Error(), "not inside the conckata module") {
		t.Errorf("findRoot(an empty dir) err = %v, want one saying it is not inside the module", err)
	}
}

// TestEveryCommandHasHelp runs each command with --help, from outside the
// module too: help needs no module.
func TestEveryCommandHasHelp(t *testing.T) {
	t.Chdir(t.TempDir())
	for _, cmd := range []string{"test", "watch", "hint", "reset", "verify", "bench"} {
		for _, help := range []string{"--help", "-h"} {
			var stdout, stderr strings.Builder
			if err := run(t.Context(), strings.NewReader(""), &stdout, &stderr, []string{cmd, help}); err != nil {
				t.Errorf("%s %s: %v", cmd, help, err)
			}
			if !strings.HasPrefix(stdout.String(), "usage: go run ./cmd/kata "+cmd) {
				t.Errorf("%s %s printed %q, want its usage", cmd, help, stdout.String())
			}
		}
	}
}

func TestUsage(t *testing.T) {
	var stdout, stderr strings.Builder
	if err := run(t.Context(), strings.NewReader(""), &stdout, &stderr, []string{"--help"}); err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "usage", stdout.String())
	stdout.Reset()
	err := run(t.Context(), strings.NewReader(""), &stdout, &stderr, []string{"frobnicate"})
	if err == nil || !strings.Contains(err.Error(), `unknown command "frobnicate"`) {
		t.Errorf("kata frobnicate: err = %v, want unknown command", err)
	}
}

func TestRunOutsideTheModule(t *testing.T) {
	t.Chdir(t.TempDir())
	var stdout, stderr strings.Builder
	err := run(t.Context(), strings.NewReader(""), &stdout, &stderr, nil)
	if err == nil || !strings.Contains(err.Error(), "not inside the conckata module") {
		t.Errorf("board outside the module: err = %v, want one saying so", err)
	}
}

func TestFlagsAfterArguments(t *testing.T) {
	a, _, _ := testApp(t, testTree(t), nil)
	for _, args := range [][]string{{"semaphore", "-v"}, {"-v", "semaphore"}, {"--v", "semaphore"}} {
		fset := flag.NewFlagSet("test", flag.ContinueOnError)
		verbose := fset.Bool("v", false, "")
		names, err := a.parseArgs(fset, "test NAME [-v]", "", args)
		if err != nil || !*verbose || len(names) != 1 || names[0] != "semaphore" {
			t.Errorf("parseArgs(%q) = %q, -v %v, %v; want [semaphore], -v true, nil", args, names, *verbose, err)
		}
	}
}

// TestRunTestsAKataWithGoTest runs `test semaphore` as a learner does, with
// the real go test: whatever the kata's state, it ends with the count.
func TestRunTestsAKataWithGoTest(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go test -race on katas/semaphore")
	}
	var stdout, stderr strings.Builder
	err := run(t.Context(), strings.NewReader(""), &stdout, &stderr, []string{"test", "semaphore"})
	if err != nil && !errors.Is(err, errReported) {
		t.Fatalf("test semaphore: %v\nstderr:\n%s", err, stderr.String())
	}
	last := regexp.MustCompile(`\n(\d+) of (\d+) properties pass · read docs/katas/semaphore\.md\n$`)
	m := last.FindStringSubmatch(stdout.String())
	if m == nil {
		t.Fatalf("test semaphore printed no count at the end:\n%s", stdout.String())
	}
	if (m[1] == m[2]) != (err == nil) {
		t.Errorf("%s of %s properties pass, but test semaphore returned %v", m[1], m[2], err)
	}
}
