package bubble

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"testing/synctest"

	"github.com/conckata/conckata/internal/linearize"
)

// TestLogForExplain checks the log that kata explain reads: each Call's
// start, cancellation and return on one clock, a call still blocked marked
// so, and nothing written where a history is already.
func TestLogForExplain(t *testing.T) {
	defer func(was bool) { logging = was }(logging)
	logging = true
	ResetLog()
	synctest.Test(t, func(t *testing.T) {
		block := make(chan struct{})
		a := Start("Wait", func(ctx context.Context) error { <-ctx.Done(); return ctx.Err() })
		Start("Lock", func(context.Context) error { <-block; return nil })
		a.Cancel()
		synctest.Wait()
		path := filepath.Join(t.TempDir(), "history.json")
		t.Setenv(linearize.HistoryEnv, path)
		writeLog()
		close(block)
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		var h linearize.History
		if err := json.Unmarshal(data, &h); err != nil {
			t.Fatal(err)
		}
		want := []linearize.HistoryCall{
			{Goroutine: 0, Call: 1, Return: 4, What: "Wait -> context canceled"},
			{Goroutine: 1, Call: 2, Return: 5, What: "Lock -> (still blocked)"},
			{Goroutine: 0, Call: 3, Return: 3, What: "cancel Wait"},
		}
		if len(h.Calls) != len(want) {
			t.Fatalf("log = %+v, want %+v", h.Calls, want)
		}
		for i := range want {
			if h.Calls[i] != want[i] {
				t.Errorf("event %d = %+v, want %+v", i, h.Calls[i], want[i])
			}
		}
		// A history already written (by a linearizable property) is kept.
		if err := os.WriteFile(path, []byte("{}"), 0o644); err != nil {
			t.Fatal(err)
		}
		writeLog()
		if data, _ := os.ReadFile(path); string(data) != "{}" {
			t.Errorf("writeLog overwrote a history already there: %s", data)
		}
	})
}
