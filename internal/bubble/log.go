package bubble

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"sync"

	"github.com/conckata/conckata/internal/harness"
	"github.com/conckata/conckata/internal/linearize"
)

// logging reports whether this process logs its Calls: only when `kata
// explain` asks for a history (linearize.HistoryEnv).
var logging = os.Getenv(linearize.HistoryEnv) != ""

// calls is the log of this process's Calls, for `kata explain`: when each
// started, was cancelled and returned, on one logical clock. It is written
// when a property fails, as a linearize.History with one column per Call
// (Return is -1 while a call has not returned). A reset starts a new
// generation; a Call of an older one is not logged any more.
var calls struct {
	mu     sync.Mutex
	gen    int
	clock  int64
	n      int // Calls started in this generation: the next one's column
	events []linearize.HistoryCall
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

// logged is where a Call's start is in the log; index is -1 when nothing is
// logged.
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
	calls.events = append(calls.events, linearize.HistoryCall{Goroutine: at.column, Call: calls.clock, Return: -1, What: name})
	return at
}

// tick moves the clock on and passes its time to record, with the log held,
// if the Call at is still in the log's generation.
func (at logged) tick(record func(now int64)) {
	if at.index < 0 {
		return
	}
	calls.mu.Lock()
	defer calls.mu.Unlock()
	if at.gen != calls.gen {
		return
	}
	calls.clock++
	record(calls.clock)
}

func (at logged) logReturn(err error) {
	at.tick(func(now int64) {
		e := &calls.events[at.index]
		e.Return, e.What = now, fmt.Sprintf("%s -> %v", e.What, err)
	})
}

func (at logged) logCancel(name string) {
	at.tick(func(now int64) {
		calls.events = append(calls.events, linearize.HistoryCall{Goroutine: at.column, Call: now, Return: now, What: "cancel " + name})
	})
}

// writeLog writes the log where linearize.HistoryEnv says, unless a
// linearizable property's history is there already.
func writeLog() {
	path := os.Getenv(linearize.HistoryEnv)
	if path == "" {
		return
	}
	if _, err := os.Stat(path); !errors.Is(err, fs.ErrNotExist) {
		return
	}
	calls.mu.Lock()
	h := linearize.History{Calls: append([]linearize.HistoryCall(nil), calls.events...), Placed: []int{}, Stuck: -1}
	end := calls.clock + 1
	calls.mu.Unlock()
	if len(h.Calls) == 0 {
		return
	}
	for i := range h.Calls {
		if h.Calls[i].Return < 0 {
			h.Calls[i].Return, h.Calls[i].What = end, h.Calls[i].What+" -> (still blocked)"
		}
	}
	data, err := json.MarshalIndent(h, "", "  ")
	if err == nil {
		err = os.WriteFile(path, data, 0o644)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "bubble: the log for kata explain could not be written:", err)
	}
}
