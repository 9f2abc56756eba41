package linearize

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/anishathalye/porcupine"
)

// TestFailedCheckExportsItsHistory checks that a failing check writes the
// history, and the HTML timeline, where KATA_HISTORY says, for kata explain.
func TestFailedCheckExportsItsHistory(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history.json")
	t.Setenv(HistoryEnv, path)
	var mu sync.Mutex
	n := 0
	r := history(func(d int) int { // every call reads a value one too low
		mu.Lock()
		defer mu.Unlock()
		n += d
		return n - d - 1
	})
	if err := check(t, counterModel, r.Operations()); err == nil {
		t.Fatal("a counter that returns stale values passed the linearizability check")
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var h History
	if err := json.Unmarshal(data, &h); err != nil {
		t.Fatal(err)
	}
	if len(h.Calls) != 40 || h.Stuck < 0 || !strings.HasPrefix(h.Calls[h.Stuck].What, "Add(1) -> ") {
		t.Errorf("history has %d calls, stuck at %d; want 40 calls and a stuck Add(1)", len(h.Calls), h.Stuck)
	}
	if html, err := os.ReadFile(path + ".html"); err != nil || !strings.Contains(string(html), "<html") {
		t.Errorf("no HTML timeline next to the history: %v", err)
	}

	// Without KATA_HISTORY, nothing is written.
	t.Setenv(HistoryEnv, "")
	if note := exportHistory(counterModel, r.Operations(), porcupine.LinearizationInfo{}); note != "" {
		t.Errorf("exportHistory without %s = %q, want nothing", HistoryEnv, note)
	}
}
