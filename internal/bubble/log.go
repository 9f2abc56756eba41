package bubble

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"sync"

	"github.com/conckata/conckata/internal/harness"
)

// historyEnv is where `kata explain` asks for the history of a failed
// property: linearize.HistoryEnv, named again here so that this package does
// not import porcupine.
const historyEnv = "KATA_HISTORY"

// logging reports whether this process logs its Calls: only for explain.
var logging = os.Getenv(historyEnv) != ""

// calls is the log of this process's Calls, for `kata explain`: when each
// started, was cancelled and returned, on one logical clock. It is written
// when a property fails, in the shape of linearize.History, one column per
// Call. A reset starts a new generation; a Call of an older one is not
// logged any more.
var calls struct {
	mu     sync.Mutex
	gen    int
	clock  int64
	n      int // Calls started in this generation: the next one's column
	events []event
}

type event struct {
	Goroutine int    `json:"goroutine"`
	Call      int64  `json:"call"`
	Return    int64  `json:"return"` // -1 while the call has not returned
	What      string `json:"what"`
}

func init() { harness.AtFailure(writeLog) }

// ResetLog forgets the Calls logged so far: a rapid state machine calls it
// as each case starts, so that a failure's log holds its last case only.
func ResetLog() {
	calls.mu.Lock()
	defer calls.mu.Unlock()
	calls.gen++
	calls.clock, calls.n, calls.events = 0, 0, nil
}

// logged is where a Call's start is in the log.
type logged struct{ gen, index, column int }

func logStart(name string) logged {
	if !logging {
		return logged{index: -1}
	}
	calls.mu.Lock()
	defer calls.mu.Unlock()
	calls.clock++
	at := logged{calls.gen, len(calls.events), calls.n}
	calls.n++
	calls.events = append(calls.events, event{Goroutine: at.column, Call: calls.clock, Return: -1, What: name})
	return at
}

func (at logged) logReturn(err error) {
	if at.index < 0 {
		return
	}
	calls.mu.Lock()
	defer calls.mu.Unlock()
	if at.gen != calls.gen {
		return
	}
	calls.clock++
	e := &calls.events[at.index]
	e.Return, e.What = calls.clock, fmt.Sprintf("%s -> %v", e.What, err)
}

func (at logged) logCancel(name string) {
	if at.index < 0 {
		return
	}
	calls.mu.Lock()
	defer calls.mu.Unlock()
	if at.gen != calls.gen {
		return
	}
	calls.clock++
	calls.events = append(calls.events, event{Goroutine: at.column, Call: calls.clock, Return: calls.clock, What: "cancel " + name})
}

// writeLog writes the log where historyEnv says, unless a linearizable
// property's history is there already.
func writeLog() {
	path := os.Getenv(historyEnv)
	if path == "" {
		return
	}
	if _, err := os.Stat(path); !errors.Is(err, fs.ErrNotExist) {
		return
	}
	calls.mu.Lock()
	events := append([]event(nil), calls.events...)
	end := calls.clock + 1
	calls.mu.Unlock()
	if len(events) == 0 {
		return
	}
	for i := range events {
		if events[i].Return < 0 {
			events[i].Return, events[i].What = end, events[i].What+" -> (still blocked)"
		}
	}
	data, err := json.MarshalIndent(map[string]any{"calls": events, "placed": []int{}, "stuck": -1, "calls_only": true}, "", "  ")
	if err == nil {
		err = os.WriteFile(path, data, 0o644)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "bubble: the log for kata explain could not be written:", err)
	}
}
