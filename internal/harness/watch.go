package harness

import (
	"bytes"
	"hash/maphash"
	"os"
	"regexp"
	"runtime"
	"runtime/metrics"
	"sync"
	"time"
)

// A hang is found by its stillness, not by the clock: a property stands
// still when its process uses no CPU, none of its goroutines runs or waits
// for a CPU, none is created, and the stacks of all of them are the same at
// the end of the hang limit as at its start. A deadlock stands still at once;
// a slow but correct property keeps moving however loaded the machine is (a
// goroutine waiting for a CPU is runnable, which is moving), so a short hang
// limit cannot take it for a hang. Only a property that waits, still, for a
// real clock or another process longer than the limit would be: suites that
// do declare a longer HangLimit.
//
// Each look is cheap (the process's CPU time, the scheduler's counts); the
// stacks are dumped only at the start and the end of a still period, and
// only their hash is kept, so that a property that measures the heap does
// not measure the watch.

const (
	// watchTick is how often the watch looks.
	watchTick = 100 * time.Millisecond
	// busyCPU is the CPU time per tick above which the process is moving.
	busyCPU = watchTick / 10
	// idleAfter is how long a property stands still before its process
	// gives its slot to another (childStream).
	idleAfter = 2 * watchTick
)

// watch watches the property in this process until the returned stop is
// called. If the property stands still for limit, it writes the stillLine
// and every goroutine's stack to the parent and ends the process; if it
// runs for busy without standing still, the busyLine and the stacks. (The
// testing package's -test.timeout would dump them too, but without the stack
// of a goroutine that spins on another thread.)
func watch(limit, busy time.Duration) (stop func()) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		w := newWatcher(limit)
		w.busyAt = time.Now().Add(busy)
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

// The scheduler's counts that the watch reads, where the runtime has them
// (Go 1.26 and later).
var schedMetrics = []string{
	"/sched/goroutines/running:goroutines",
	"/sched/goroutines/runnable:goroutines",
	"/sched/goroutines-created:goroutines",
}

// watcher is the state of one watch.
type watcher struct {
	limit time.Duration
	cpu   time.Duration // the process's CPU time after the last look
	sched []metrics.Sample
	made  uint64    // goroutines created, at the last look
	since time.Time // when the property was first seen still; zero while it moves
	mark  uint64    // the hash of the other goroutines' stacks at since
	idle  bool      // the idleLine was written
	seed  maphash.Seed
	// busyAt is when the property has run too long, still or not.
	busyAt time.Time
}

func newWatcher(limit time.Duration) *watcher {
	w := &watcher{limit: limit, seed: maphash.MakeSeed()}
	for _, name := range schedMetrics {
		w.sched = append(w.sched, metrics.Sample{Name: name})
	}
	w.moving()
	w.cpu = cpuTime()
	return w
}

// look takes one look at the process at time now.
func (w *watcher) look(now time.Time) {
	// The look's own CPU time (a stack dump, under -race) is not the
	// property's.
	defer func() { w.cpu = cpuTime() }()
	if !now.Before(w.busyAt) {
		end(busyLine, otherStacks())
	}
	switch still := now.Sub(w.since); {
	case w.moving():
		w.since = time.Time{}
	case w.since.IsZero():
		w.since, w.mark = now, maphash.Bytes(w.seed, otherStacks())
	case still >= w.limit:
		stacks := otherStacks()
		if maphash.Bytes(w.seed, stacks) != w.mark || bytes.Contains(stacks, []byte(" [running")) {
			w.since, w.mark = now, maphash.Bytes(w.seed, stacks)
			return
		}
		end(stillLine, stacks)
	case still >= idleAfter && !w.idle:
		w.idle = true
		announce(idleLine)
	}
}

// end writes line and the stacks to the parent, and ends the process.
func end(line string, stacks []byte) {
	announce(line + "; the stack of every goroutine follows")
	harnessOutput.Write(stacks)
	os.Exit(2)
}

// moving reports whether the process moved since the last look: it used the
// CPU, a goroutine other than the watch's runs or waits for a CPU, or a
// goroutine was created.
func (w *watcher) moving() bool {
	moving := cpuTime()-w.cpu > busyCPU
	metrics.Read(w.sched)
	count := func(i int) (uint64, bool) {
		return w.sched[i].Value.Uint64(), w.sched[i].Value.Kind() == metrics.KindUint64
	}
	if n, ok := count(0); ok && n > 1 {
		moving = true
	}
	if n, ok := count(1); ok && n > 0 {
		moving = true
	}
	if n, ok := count(2); ok {
		moving = moving || n != w.made
		w.made = n
	}
	return moving
}

// waitedFor is the time a goroutine has waited, in a header: it changes
// while the goroutine stands still.
var waitedFor = regexp.MustCompile(`(?m)(^goroutine \d+ [^\n]*), \d+ minutes\]`)

// otherStacks returns the stacks of every goroutine but the calling one,
// without the time each has waited.
func otherStacks() []byte {
	buf := make([]byte, 64<<10)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			// The calling goroutine's stack comes first.
			_, rest, _ := bytes.Cut(buf[:n], []byte("\n\n"))
			if bytes.Contains(rest, []byte(" minutes]")) {
				rest = waitedFor.ReplaceAll(rest, []byte("$1]"))
			}
			return rest
		}
		buf = make([]byte, 2*len(buf))
	}
}
