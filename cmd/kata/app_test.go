package main

import (
	"errors"
	"flag"
	"regexp"
	"strings"
	"testing"
)

// TestEveryCommandHasHelp runs each command with --help, from outside the
// module too: help needs no module.
func TestEveryCommandHasHelp(t *testing.T) {
	t.Chdir(t.TempDir())
	for _, cmd := range []string{"test", "watch", "hint", "reset", "solution", "verify", "bench"} {
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
