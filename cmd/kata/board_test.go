package main

import (
	"strings"
	"testing"
)

const testKatas = "-race -json ./katas/..."

func TestBoard(t *testing.T) {
	cases := []struct {
		name  string
		katas []string
		runs  []string
	}{
		{"board-started", []string{"semaphore", "lock*", "event*"},
			[]string{"stub.json", "partial.json katas/semaphore=katas/lock", "compile.json katas/semaphore=katas/event"}},
		{"board-solved", []string{"semaphore*", "event*"},
			[]string{"solved.json", "solved.json katas/semaphore=katas/event"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a, stdout, _ := testApp(t, testTree(t, c.katas...), map[string][]string{testKatas: c.runs})
			if err := a.dispatch(t.Context(), nil); err != nil {
				t.Fatalf("board: %v", err)
			}
			checkGolden(t, c.name, stdout.String())
		})
	}
}

// TestKataStates checks the board's word for each kind of run of a kata the
// learner has started.
func TestKataStates(t *testing.T) {
	cases := map[string]string{
		"solved.json":        "solved",
		"partial.json":       "2 of 13 properties failing",
		"stub.json":          "13 of 13 properties failing",
		"compile.json":       "does not compile: katas/semaphore/semaphore.go:29:20: unknown field n in struct literal of type Semaphore",
		"crash-init.json":    "crashes before any property runs: panic: boom at init",
		"crash-timeout.json": "13 of 13 properties failing (then the test binary crashed: panic: test timed out after 4s)",
		"no-test-files.json": "no test results (no Go package in its directory?)",
	}
	for file, want := range cases {
		t.Run(file, func(t *testing.T) {
			a, _, _ := testApp(t, testTree(t, "semaphore*"), map[string][]string{testKatas: {file}})
			board, err := a.survey(t.Context())
			if err != nil {
				t.Fatal(err)
			}
			if got := board[0].state; got != want {
				t.Errorf("state = %q, want %q", got, want)
			}
		})
	}
}

func TestBoardNeedsAKata(t *testing.T) {
	a, _, _ := testApp(t, testTree(t), nil)
	err := a.dispatch(t.Context(), nil)
	if err == nil || !strings.Contains(err.Error(), "no katas") {
		t.Errorf("board with no katas: err = %v, want one saying there are no katas", err)
	}
}
