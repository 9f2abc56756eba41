package harness

import (
	"fmt"
	"slices"
	"strings"
)

// waitWords says in plain words what a goroutine in each state waits for,
// with the rank of the state: the lower, the likelier the state is the cause
// of a hang rather than a consequence of it.
var waitWords = map[string]struct {
	rank  int
	words string
}{
	"running":                 {0, "is running (a busy loop?)"},
	"runnable":                {0, "is running (a busy loop?)"},
	"sync.Mutex.Lock":         {1, "waits for a sync.Mutex already held (locked twice, or never unlocked)"},
	"sync.RWMutex.Lock":       {1, "waits for a sync.RWMutex already held (locked twice, or never unlocked)"},
	"sync.RWMutex.RLock":      {1, "waits to read-lock a sync.RWMutex that a writer holds or waits for"},
	"sync.WaitGroup.Wait":     {2, "waits for a sync.WaitGroup that never gets back to zero"},
	"sync.Cond.Wait":          {2, "waits on a sync.Cond that nothing signals"},
	"semacquire":              {2, "waits on a semaphore of the sync package"},
	"chan receive (nil chan)": {2, "receives from a nil channel, which blocks forever"},
	"chan send (nil chan)":    {2, "sends on a nil channel, which blocks forever"},
	"select (no cases)":       {2, "waits in an empty select, forever"},
	"chan send":               {3, "waits to send on a channel that nothing receives from"},
	"chan receive":            {3, "waits to receive from a channel that nothing sends on or closes"},
	"select":                  {4, "waits in a select that no case ever wakes"},
	"sleep":                   {5, "sleeps"},
	"IO wait":                 {5, "waits for network or pipe input or output"},
	"syscall":                 {5, "waits in a system call"},
}

// wait returns the words for state, and their rank.
func wait(state string) (string, int) {
	if w, ok := waitWords[state]; ok && w.words != "" {
		return w.words, w.rank
	}
	return "waits (" + state + ")", 6
}

// stuckSite is a place in the code under test where goroutines wait.
type stuckSite struct {
	where string // "Set at katas/event/event.go:44"
	state string
	count int       // how many goroutines wait there
	trace goroutine // the first of them
}

// stuckSites returns the places in the code under test where the goroutines
// of a dump wait, likeliest cause first, and the goroutines of the dump that
// wait elsewhere (in the suite, in the harness).
func stuckSites(dump []goroutine) (sites []stuckSite, elsewhere []goroutine) {
	for _, g := range dump {
		if g.panicking() {
			continue // the crash itself, not a goroutine that waits
		}
		f, ok := g.site()
		if !ok {
			elsewhere = append(elsewhere, g)
			continue
		}
		i := slices.IndexFunc(sites, func(s stuckSite) bool { return s.where == f.where() && s.state == g.state })
		if i < 0 {
			sites = append(sites, stuckSite{where: f.where(), state: g.state, trace: g})
			i = len(sites) - 1
		}
		sites[i].count++
	}
	// Of places with the same kind of wait, the one with fewer goroutines
	// comes first: one goroutine locked a mutex twice, the others queue
	// behind it.
	slices.SortStableFunc(sites, func(a, b stuckSite) int {
		_, ra := wait(a.state)
		_, rb := wait(b.state)
		if ra != rb {
			return ra - rb
		}
		return a.count - b.count
	})
	return sites, elsewhere
}

// maxSites is how many places a verdict names.
const maxSites = 2

// whereStuck says where the goroutines of a dump wait in the code under
// test, in one line: "Set at katas/event/event.go:44 waits for a sync.Mutex
// already held (...); wait at katas/event/event.go:90 waits in a select ...
// (3 goroutines)". Without such a place, it says where the first of the
// others waits, in the suite.
func whereStuck(dump []goroutine) string {
	sites, elsewhere := stuckSites(dump)
	if len(sites) == 0 {
		for _, g := range elsewhere {
			for _, f := range g.frames {
				if f.owner() != ownerRuntime {
					words, _ := wait(g.state)
					return "none in the code under test; the suite's " + f.where() + " " + words
				}
			}
		}
		return "none in the code under test (-v shows where each one waits)"
	}
	var parts []string
	more := 0
	for i, s := range sites {
		if i >= maxSites {
			more += s.count
			continue
		}
		words, _ := wait(s.state)
		part := s.where + " " + words
		if s.count > 1 {
			part += fmt.Sprintf(" (%d goroutines)", s.count)
		}
		parts = append(parts, part)
	}
	if more > 0 {
		parts = append(parts, fmt.Sprintf("and %d more goroutines (-v shows them)", more))
	}
	return strings.Join(parts, "; ")
}

// stuckTraces returns the traces of the goroutines that wait in the code
// under test, one for each place, likeliest cause first: the -v detail.
func stuckTraces(dump []goroutine) []string {
	sites, _ := stuckSites(dump)
	var lines []string
	for _, s := range sites {
		lines = append(lines, s.trace.lines...)
		lines = append(lines, "")
	}
	return lines
}
