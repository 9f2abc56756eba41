package main

import (
	"context"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestBoard(t *testing.T) {
	cases := []struct {
		name  string
		katas []string
		args  string // of the one go test run: the started katas only
		runs  []string
	}{
		{"board-started", []string{"semaphore", "lock*", "event*"}, "-race -json ./katas/event ./katas/lock",
			[]string{"partial.json katas/semaphore=katas/lock", "compile.json katas/semaphore=katas/event"}},
		{"board-solved", []string{"semaphore*", "event*"}, "-race -json ./katas/event ./katas/semaphore",
			[]string{"solved.json", "solved.json katas/semaphore=katas/event"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a, stdout, _ := testApp(t, testTree(t, c.katas...), map[string][]string{c.args: c.runs})
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
			a, _, _ := testApp(t, testTree(t, "semaphore*"), map[string][]string{"-race -json ./katas/semaphore": {file}})
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

// TestBoardRunsOnlyWhatChanged checks that the board runs go test only for
// the started katas whose files, or whose suites, changed since it last
// looked, and reuses the states it found before for the others.
func TestBoardRunsOnlyWhatChanged(t *testing.T) {
	root := testTree(t, "semaphore*", "lock*", "event")
	a, _, _ := testApp(t, root, nil)
	var calls []string
	a.goTest = func(_ context.Context, args ...string) (io.ReadCloser, error) {
		calls = append(calls, strings.Join(args, " "))
		var spec []string
		for _, dir := range args[2:] {
			spec = append(spec, "partial.json katas/semaphore="+strings.TrimPrefix(dir, "./"))
		}
		var stream []byte
		for _, s := range spec {
			stream = append(stream, recording(t, s)...)
		}
		return io.NopCloser(strings.NewReader(string(stream))), nil
	}
	draw := func() []string {
		t.Helper()
		calls = nil
		return boardStates(t, a)
	}
	write := func(rel, text string) { writeFile(t, filepath.Join(root, rel), text) }
	steps := []struct {
		what   string
		change func()
		want   []string // go test invocations
	}{
		{"first board", func() {}, []string{"-race -json ./katas/lock ./katas/semaphore"}},
		{"nothing changed", func() {}, nil},
		{"lock edited", func() { write("katas/lock/lock.go", "package lock\n\n// more work\n") }, []string{"-race -json ./katas/lock"}},
		{"a suite edited", func() { write("internal/conformance/x.go", "package conformance\n") }, []string{"-race -json ./katas/lock ./katas/semaphore"}},
		{"event started", func() { write("katas/event/event.go", "package event\n\n// started\n") }, []string{"-race -json ./katas/event"}},
	}
	first := draw()
	for i, step := range steps {
		if i > 0 {
			step.change()
			got := draw()
			if step.what == "nothing changed" && !slices.Equal(got, first) {
				t.Errorf("%s: board %q, want the first board's %q", step.what, got, first)
			}
		}
		if !slices.Equal(calls, step.want) {
			t.Errorf("%s: go test runs %q, want %q", step.what, calls, step.want)
		}
	}
}

// boardStates returns each kata's line of a's board as "name: state".
func boardStates(t *testing.T, a *app) []string {
	t.Helper()
	board, err := a.survey(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	var states []string
	for _, s := range board {
		states = append(states, s.kata.Name+": "+s.state)
	}
	return states
}
