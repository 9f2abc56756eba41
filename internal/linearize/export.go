package linearize

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"github.com/anishathalye/porcupine"
)

// HistoryEnv names the environment variable that, set to a file's path,
// makes a check that fails write its history there as JSON (History), and
// porcupine's HTML timeline next to it (the path with ".html" added): what
// `kata explain` reads. The harness's child processes inherit it.
const HistoryEnv = "KATA_HISTORY"

// History is a history that was not linearizable, as `kata explain` shows it.
type History struct {
	Calls []HistoryCall `json:"calls"` // in the order of their calls
	// Placed is the longest order of calls the model accepted, as indices
	// into Calls; Stuck is the call that could not come next, or -1.
	Placed []int `json:"placed"`
	Stuck  int   `json:"stuck"`
}

// HistoryCall is one call of a History.
type HistoryCall struct {
	Goroutine int    `json:"goroutine"`
	Call      int64  `json:"call"`   // the logical time it was called
	Return    int64  `json:"return"` // the logical time it returned
	What      string `json:"what"`   // the model's description of the call and its result
}

// exportHistory writes the history of a failed check where HistoryEnv says,
// if it says anywhere; it returns a note for the failure message on error.
func exportHistory(model porcupine.Model, ops []porcupine.Operation, info porcupine.LinearizationInfo) string {
	path := os.Getenv(HistoryEnv)
	if path == "" {
		return ""
	}
	describe := model.DescribeOperation
	if describe == nil {
		describe = func(in, out any) string { return fmt.Sprintf("%v -> %v", in, out) }
	}
	h := History{Placed: longestPartial(info), Stuck: -1}
	placed := map[int]bool{}
	for _, id := range h.Placed {
		placed[id] = true
	}
	if id, ok := firstStuck(ops, placed); ok {
		h.Stuck = id
	}
	for _, op := range ops {
		h.Calls = append(h.Calls, HistoryCall{op.ClientId, op.Call, op.Return, strings.TrimSpace(describe(op.Input, op.Output))})
	}
	data, err := json.MarshalIndent(h, "", "  ")
	if err == nil {
		err = os.WriteFile(path, data, 0o644)
	}
	if err == nil {
		var f *os.File
		if f, err = os.Create(path + ".html"); err == nil {
			err = porcupine.Visualize(model, info, f)
			if cerr := f.Close(); err == nil {
				err = cerr
			}
		}
	}
	if err != nil {
		return "\n(the history for kata explain could not be written: " + err.Error() + ")"
	}
	return ""
}
