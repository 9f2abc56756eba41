package main

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/conckata/conckata/internal/linearize"
)

// explainHistory is a lock's history that no order explains: goroutine 1's
// TryLock fails while no one holds the lock.
var explainHistory = linearize.History{
	Calls: []linearize.HistoryCall{
		{Goroutine: 0, Call: 1, Return: 2, What: "TryLock() -> true"},
		{Goroutine: 1, Call: 3, Return: 6, What: "Lock #1, ctx cancelled by another goroutine, -> <nil>"},
		{Goroutine: 0, Call: 4, Return: 5, What: "Unlock()"},
		{Goroutine: 2, Call: 7, Return: 8, What: "TryLock() -> false"},
	},
	Placed: []int{0, 2, 1},
	Stuck:  3,
}

func TestExplain(t *testing.T) {
	root := testTree(t, "semaphore*")
	if err := os.WriteFile(filepath.Join(root, "katas", "semaphore", "semaphore_test.go"),
		[]byte("package semaphore\n\nfunc TestSemaphore(t *testing.T) {}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	a, stdout, _ := testApp(t, root, nil)
	var ran string
	a.goTest = func(_ context.Context, args ...string) (io.ReadCloser, error) {
		ran = strings.Join(args, " ")
		// The property's child writes the history where the runner said.
		data, _ := json.Marshal(explainHistory)
		if err := os.WriteFile(os.Getenv(linearize.HistoryEnv), data, 0o644); err != nil {
			t.Error(err)
		}
		return io.NopCloser(strings.NewReader(string(recording(t, "partial.json")))), nil
	}
	err := a.dispatch(t.Context(), []string{"explain", "semaphore"})
	if !errors.Is(err, errReported) {
		t.Errorf("explain: err = %v, want errReported", err)
	}
	if want := "-run ^TestSemaphore$/^linearizable$ -race -count=1 -json ./katas/semaphore"; ran != want {
		t.Errorf("explain ran go test %s, want %s", ran, want)
	}
	checkGolden(t, "explain", stdout.String())

	// With --html, and no porcupine page beside the history, explain writes
	// its own page of the same columns.
	stdout.Reset()
	if err := a.dispatch(t.Context(), []string{"explain", "semaphore", "--html"}); !errors.Is(err, errReported) {
		t.Errorf("explain --html: err = %v, want errReported", err)
	}
	page := filepath.Join(root, ".kata", "explain", "semaphore-linearizable.json.html")
	html, err := os.ReadFile(page)
	if err != nil || !strings.Contains(stdout.String(), "the timeline as a page: "+page) {
		t.Fatalf("explain --html wrote no page, or did not say where (%v):\n%s", err, stdout)
	}
	checkGolden(t, "explain-html", string(html))
	if os.Getenv(linearize.HistoryEnv) != "" {
		t.Errorf("explain left %s set", linearize.HistoryEnv)
	}
}

func TestTimelineColumns(t *testing.T) {
	got := timeline(explainHistory, 80)
	lines := strings.Split(strings.TrimRight(got, "\n"), "\n")
	if !strings.HasPrefix(lines[0], "goroutine 0") || !strings.Contains(lines[0], "goroutine 2") {
		t.Errorf("header = %q, want a column per goroutine", lines[0])
	}
	// Goroutine 2's TryLock is drawn in the third column, marked ✗.
	for _, l := range lines {
		if strings.Contains(l, "✗ TryLock()") && !strings.HasPrefix(l, strings.Repeat(" ", 2*26)) {
			t.Errorf("goroutine 2's call is not in the third column: %q", l)
		}
	}
	if !strings.Contains(got, "▶ 1. TryLock()") || !strings.Contains(got, "◀ false") {
		t.Errorf("timeline lacks the numbered call or the result:\n%s", got)
	}
}

// TestTimelineOfCalls draws the log of a non-linearizable property: its
// blocking calls, a cancellation drawn once, and the note that says what is
// not recorded.
func TestTimelineOfCalls(t *testing.T) {
	h := linearize.History{
		Calls: []linearize.HistoryCall{
			{Goroutine: 0, Call: 1, Return: 4, What: "Wait -> context canceled"},
			{Goroutine: 1, Call: 2, Return: 5, What: "Wait -> (still blocked)"},
			{Goroutine: 0, Call: 3, Return: 3, What: "cancel Wait"},
		},
		Stuck: -1,
	}
	got := timeline(h, 80)
	if strings.Count(got, "cancel Wait") != 1 || !strings.Contains(got, "• cancel Wait") {
		t.Errorf("the cancellation is not drawn once, as an instant:\n%s", got)
	}
	if !strings.Contains(got, "◀ (still blocked)") || !strings.Contains(got, "is not recorded") {
		t.Errorf("timeline lacks the blocked call or the note on what is recorded:\n%s", got)
	}
}
