package main

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/conckata/conckata/internal/catalog"
	"github.com/conckata/conckata/internal/harness/report"
)

func TestTestCommand(t *testing.T) {
	cases := []struct {
		golden    string
		recording string
		args      []string
		wantErr   error
	}{
		{"test-stub", "stub.json", nil, errReported},
		{"test-partial", "partial.json", nil, errReported},
		{"test-partial-v", "partial.json", []string{"-v"}, errReported},
		{"test-solved", "solved.json", nil, nil},
		{"test-compile", "compile.json", nil, errReported},
		{"test-crash-init", "crash-init.json", []string{"-v"}, errReported},
		{"test-crash-timeout", "crash-timeout.json", nil, errReported},
	}
	for _, c := range cases {
		t.Run(c.golden, func(t *testing.T) {
			a, stdout, _ := testApp(t, testTree(t, "semaphore*"), map[string][]string{
				"-race -count=1 -json ./katas/semaphore": {c.recording},
			})
			err := a.dispatch(t.Context(), append([]string{"test", "semaphore"}, c.args...))
			if !errors.Is(err, c.wantErr) {
				t.Errorf("test semaphore %s: err = %v, want %v", strings.Join(c.args, " "), err, c.wantErr)
			}
			checkGolden(t, c.golden, stdout.String())
		})
	}
}

// TestTestCommandPlanted checks the lines of a real run of the current
// harness on a kata with a planted bug: each verdict wrapped to 80 columns,
// rapid's report in the learner's words, and the command that repeats each
// failure, with rapid's seed where rapid found it.
func TestTestCommandPlanted(t *testing.T) {
	a, stdout, _ := testApp(t, testTree(t, "event*"), map[string][]string{
		"-race -count=1 -json ./katas/event": {"planted-event.json"},
	})
	if err := a.dispatch(t.Context(), []string{"test", "event"}); !errors.Is(err, errReported) {
		t.Errorf("test event: err = %v, want errReported", err)
	}
	checkGolden(t, "test-planted", stdout.String())
	for _, want := range []string{
		"(in rapid's random case #1, shrunk to the smallest that fails)",
		"to repeat it: go test -race -count=1 -run '^TestEvent$/^matches-model$'",
		"-rapid.seed=7054325894081063701",
	} {
		if !strings.Contains(strings.Join(strings.Fields(stdout.String()), " "), want) {
			t.Errorf("test event's output has no %q", want)
		}
	}
	for _, line := range strings.Split(stdout.String(), "\n") {
		if len([]rune(line)) > defaultWidth && strings.Contains(strings.TrimSpace(line), " ") {
			t.Errorf("a line of %d columns, over %d: %q", len([]rune(line)), defaultWidth, line)
		}
	}
}

func TestTestCommandArguments(t *testing.T) {
	cases := map[string]string{
		"test":                "want one kata name, got 0",
		"test semaphore lock": "want one kata name, got 2",
		"test nosuch":         `no kata is called "nosuch"`,
		"test lock":           "kata lock is not in this checkout yet",
		"test semaphore -x":   "flag provided but not defined: -x",
	}
	for args, want := range cases {
		t.Run(args, func(t *testing.T) {
			a, _, _ := testApp(t, testTree(t, "semaphore"), nil)
			err := a.dispatch(t.Context(), strings.Fields(args))
			if err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("%s: err = %v, want one containing %q", args, err, want)
			}
		})
	}
}

// TestTestCommandStreams checks that a property's line is printed as soon as
// go test reports the property, before the run ends.
func TestTestCommandStreams(t *testing.T) {
	events, send := io.Pipe()
	a, _, _ := testApp(t, testTree(t, "semaphore*"), nil)
	a.goTest = func(context.Context, ...string) (io.ReadCloser, error) { return events, nil }
	lines := make(chan string, 16)
	a.stdout = lineSender(lines)
	done := make(chan error, 1)
	go func() { done <- a.dispatch(t.Context(), []string{"test", "semaphore"}) }()

	pkg := catalog.ImportPath(semaphoreKata.Dir())
	event := func(action, test, output string) {
		t.Helper()
		e, _ := json.Marshal(testEvent{Action: action, Package: pkg, Test: test, Output: output})
		if _, err := send.Write(append(e, '\n')); err != nil {
			t.Fatal(err)
		}
	}
	event("run", "TestSemaphore", "")
	event("run", "TestSemaphore/no-barging", "")
	event("output", "TestSemaphore/no-barging", "    "+report.Fail("semaphore", "no-barging", "no barging", "a barger")+"\n")
	event("fail", "TestSemaphore/no-barging", "")
	next := func() string {
		t.Helper()
		select {
		case l := <-lines:
			return l
		case <-time.After(10 * time.Second):
			t.Fatal("no line within 10s of the property's last event: the verdicts are not streamed")
			return ""
		}
	}
	if got := next(); !strings.HasPrefix(got, "FAIL no-barging: expected no barging; got a barger") {
		t.Errorf("first line = %q, want the verdict on no-barging", got)
	}
	event("run", "TestSemaphore/fifo-grant-order", "")
	event("pass", "TestSemaphore/fifo-grant-order", "")
	if got := next(); got != "✓ fifo-grant-order\n" {
		t.Errorf("second line = %q, want fifo-grant-order's", got)
	}
	event("fail", "TestSemaphore", "")
	event("fail", "", "")
	send.Close()
	if err := <-done; !errors.Is(err, errReported) {
		t.Errorf("err = %v, want errReported", err)
	}
}

// lineSender sends each write on lines.
type lineSender chan<- string

func (s lineSender) Write(p []byte) (int, error) {
	s <- string(p)
	return len(p), nil
}

// TestTestCommandRunsAfresh checks that each `test` really runs the suite:
// go test is called every time, with -count=1 so that its cache cannot
// answer with an old verdict.
func TestTestCommandRunsAfresh(t *testing.T) {
	a, _, _ := testApp(t, testTree(t, "semaphore*"), nil)
	var calls [][]string
	a.goTest = func(_ context.Context, args ...string) (io.ReadCloser, error) {
		calls = append(calls, args)
		return io.NopCloser(strings.NewReader(string(recording(t, "solved.json")))), nil
	}
	for range 2 {
		if err := a.dispatch(t.Context(), []string{"test", "semaphore"}); err != nil {
			t.Fatalf("test semaphore: %v", err)
		}
	}
	if len(calls) != 2 {
		t.Fatalf("two runs of test semaphore called go test %d times, want 2", len(calls))
	}
	for i, args := range calls {
		if !slices.Contains(args, "-count=1") {
			t.Errorf("run %d: go test %s, want -count=1 so the cache cannot answer", i+1, strings.Join(args, " "))
		}
	}
}
