package harness

import (
	"bytes"
	"os"
	"regexp"
	"runtime"
	"sync"
	"time"
)

// A hang is found by its stillness, not by the clock: a property stands
// still when its process uses no CPU and its goroutines' stacks stay the
// same, none of them running. A deadlock stands still at once; a slow but
// correct property keeps moving however loaded the machine is (a goroutine
// waiting for a CPU is "runnable", which is moving), so a short hang limit
// cannot take it for a hang. Only a property that waits, still, for a real
// clock longer than the limit would be: suites that do declare a longer
// HangLimit.

const (
	// watchTick is how often the watch looks.
	watchTick = 100 * time.Millisecond
	// busyCPU is the CPU time per tick above which the process is moving,
	// with no need to look at its goroutines.
	busyCPU = watchTick / 10
	// idleAfter is how long a property stands still before its process
	// gives its slot to another (childStream).
	idleAfter = 3 * watchTick
)

// watch watches the property in this process until the returned stop is
// called. If the property stands still for limit, it writes the stillLine
// and every goroutine's stack to the parent and ends the process.
func watch(limit time.Duration) (stop func()) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		w := watcher{limit: limit, cpu: cpuTime()}
		ticker := time.NewTicker(watchTick)
		defer ticker.Stop()
		for {
			select {
			case <-done:
				return
			case now := <-ticker.C:
				w.look(now)
			}
		}
	})
	return func() { close(done); wg.Wait() }
}

// watcher is the state of one watch.
type watcher struct {
	limit  time.Duration
	cpu    time.Duration // the process's CPU time at the last look
	stacks []byte        // the other goroutines' stacks at the last look
	since  time.Time     // when the property was last seen moving; zero before the first look
	idle   bool          // the idleLine was written
	buf    []byte
}

// look takes one look at the process at time now.
func (w *watcher) look(now time.Time) {
	moving := cpuTime()-w.cpu > busyCPU
	if !moving {
		stacks := w.otherStacks()
		moving = !bytes.Equal(stacks, w.stacks) ||
			bytes.Contains(stacks, []byte(" [running")) || bytes.Contains(stacks, []byte(" [runnable"))
		w.stacks = append(w.stacks[:0], stacks...)
	}
	// The look's own CPU time (a stack dump, under -race) is not the
	// property's.
	w.cpu = cpuTime()
	if moving || w.since.IsZero() {
		w.since = now
		return
	}
	still := now.Sub(w.since)
	if still >= idleAfter && !w.idle {
		w.idle = true
		announce(idleLine)
	}
	if still >= w.limit {
		announce(stillLine + w.limit.String() + "; the stack of every goroutine follows")
		harnessOutput.Write(w.stacks)
		os.Exit(2)
	}
}

// waitedFor is the time a goroutine has waited, in a header: it changes
// while the goroutine stands still.
var waitedFor = regexp.MustCompile(`(?m)(^goroutine \d+ [^\n]*), \d+ minutes\]`)

// otherStacks returns the stacks of every goroutine but the watch's own,
// without the time each has waited.
func (w *watcher) otherStacks() []byte {
	if w.buf == nil {
		w.buf = make([]byte, 64<<10)
	}
	for {
		n := runtime.Stack(w.buf, true)
		if n < len(w.buf) {
			// The calling goroutine's stack comes first.
			_, rest, _ := bytes.Cut(w.buf[:n], []byte("\n\n"))
			if bytes.Contains(rest, []byte(" minutes]")) {
				rest = waitedFor.ReplaceAll(rest, []byte("$1]"))
			}
			return rest
		}
		w.buf = make([]byte, 2*len(w.buf))
	}
}
