package main

import (
	"errors"
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestProgressOnATerminal checks that on a terminal a run redraws "D of N
// properties decided" in place, erases it before each verdict, and leaves
// the same verdicts as on a pipe.
func TestProgressOnATerminal(t *testing.T) {
	a, stdout, _ := testApp(t, testTree(t, "semaphore*"), map[string][]string{
		"-race -count=1 -json ./katas/semaphore": {"partial.json"},
	})
	a.terminal = true
	if err := a.dispatch(t.Context(), []string{"test", "semaphore"}); !errors.Is(err, errReported) {
		t.Fatalf("test semaphore: err = %v, want errReported", err)
	}
	out := stdout.String()
	for _, want := range []string{"0 of 13 properties decided", "1 of 13 properties decided", "13 of 13 properties decided"} {
		if !strings.Contains(out, clearLine+want) {
			t.Errorf("the output on a terminal has no %q", want)
		}
	}
	drawn := regexp.MustCompile(`\r\x1b\[K(\d+ of \d+ properties decided)?`)
	checkGolden(t, "test-partial", drawn.ReplaceAllString(out, ""))
	if strings.HasSuffix(out, "decided") {
		t.Error("the progress line is left on the screen after the run")
	}
}

// TestNoProgressOnAPipe checks that output that is no terminal never gets the
// progress line: the golden files and a piped run hold only the verdicts.
func TestNoProgressOnAPipe(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	if isTerminal(w) {
		t.Error("isTerminal(a pipe) = true")
	}
	if isTerminal(&strings.Builder{}) {
		t.Error("isTerminal(a strings.Builder) = true")
	}
	a, stdout, _ := testApp(t, testTree(t, "semaphore*"), map[string][]string{
		"-race -count=1 -json ./katas/semaphore": {"partial.json"},
	})
	_ = a.dispatch(t.Context(), []string{"test", "semaphore"})
	if strings.Contains(stdout.String(), "decided") || strings.Contains(stdout.String(), "\r") {
		t.Errorf("output that is no terminal got a progress line:\n%q", stdout.String())
	}
}
