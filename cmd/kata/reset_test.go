package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

func TestResetAsksFirst(t *testing.T) {
	cases := []struct {
		answer  string
		restore bool
	}{
		{"y\n", true},
		{"YES\n", true},
		{"n\n", false},
		{"\n", false},
		{"", false}, // no answer at all: stdin closed
	}
	for _, c := range cases {
		t.Run(strings.TrimSpace(c.answer), func(t *testing.T) {
			root := testTree(t, "semaphore*")
			extra := filepath.Join(root, "katas", "semaphore", "notes.txt")
			if err := os.WriteFile(extra, []byte("mine"), 0o644); err != nil {
				t.Fatal(err)
			}
			a, stdout, _ := testApp(t, root, nil)
			a.stdin = strings.NewReader(c.answer)
			if err := a.dispatch(t.Context(), []string{"reset", "semaphore"}); err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(stdout.String(), "Reset katas/semaphore to the stub? Your changes will be lost [y/N] ") {
				t.Errorf("reset did not ask first; it printed %q", stdout)
			}
			if got := isStub(t, a); got != c.restore {
				t.Errorf("answer %q: katas/semaphore is the stub: %v, want %v", c.answer, got, c.restore)
			}
			if _, err := os.Stat(extra); (err == nil) == c.restore {
				t.Errorf("answer %q: the learner's notes.txt exists: %v, want %v", c.answer, err == nil, !c.restore)
			}
		})
	}
}

func TestResetForce(t *testing.T) {
	root := testTree(t, "semaphore*")
	if err := os.WriteFile(filepath.Join(root, "katas", "semaphore", "extra.go"), []byte("package semaphore\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	a, stdout, _ := testApp(t, root, nil)
	if err := a.dispatch(t.Context(), []string{"reset", "semaphore", "--force"}); err != nil {
		t.Fatal(err)
	}
	if want := "katas/semaphore is the stub again: semaphore.go restored; extra.go removed\n"; stdout.String() != want {
		t.Errorf("reset --force printed %q, want %q", stdout, want)
	}
	if !isStub(t, a) {
		t.Error("katas/semaphore is not the stub after reset --force")
	}
}

func TestResetNeedsAnEmbeddedStub(t *testing.T) {
	a, _, _ := testApp(t, testTree(t, "semaphore*"), nil)
	a.stubs = fstest.MapFS{}
	err := a.dispatch(t.Context(), []string{"reset", "semaphore", "--force"})
	if err == nil || !strings.Contains(err.Error(), "no pristine copy of kata semaphore") {
		t.Errorf("reset without a stub: err = %v, want one saying there is no pristine copy", err)
	}
}

func isStub(t *testing.T, a *app) bool {
	t.Helper()
	untouched, err := a.untouched("semaphore")
	if err != nil {
		t.Fatal(err)
	}
	return untouched
}
