package benchrun

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// tracker reads go test's output as it comes and shows the run's progress.
// go test prints a benchmark's name, then a tab, before it runs it, and
// the numbers once it is done: so the name says which one is running, and
// the line's end that it is over.
type tracker struct {
	plan    plan
	w       io.Writer
	live    bool
	now     func() time.Time
	start   time.Time     // when the first benchmark started: after go test built the binary
	partial []byte        // the line being printed
	round   int           // the round running now, from 1
	doneEst time.Duration // the estimated time of the runs done
	running string        // the name (with -N) running now
}

// Write reads a piece of go test's output.
func (t *tracker) Write(b []byte) (int, error) {
	for _, c := range b {
		if c == '\n' {
			t.ended(string(t.partial))
			t.partial = t.partial[:0]
			continue
		}
		t.partial = append(t.partial, c)
		if line := string(t.partial); c == '\t' && strings.HasPrefix(line, "Benchmark") && strings.Count(line, "\t") == 1 {
			t.started(strings.TrimSpace(line))
		}
	}
	return len(b), nil
}

// started notes that the run of name has begun.
func (t *tracker) started(name string) {
	if t.start.IsZero() {
		t.start = t.now()
	}
	changed := name != t.running
	t.running = name
	if t.live || changed {
		t.show()
	}
}

// ended notes a line of output; a result line ends a run.
func (t *tracker) ended(line string) {
	m := resultLine.FindStringSubmatch(line)
	if m == nil {
		return
	}
	t.doneEst += t.plan.perRun[procsSuffix.ReplaceAllString(m[1], "")]
	if t.live {
		t.show()
	}
}

// show writes the progress line: the share done, what is running, the
// time spent and the time left. The time left scales the estimate of the
// runs still to go by how long the runs done took against theirs.
func (t *tracker) show() {
	elapsed := t.now().Sub(t.start)
	// Until a twentieth of the run is done, its pace says little (a
	// benchmark's first run starts in a fresh process): trust the plan.
	left := t.plan.total - t.doneEst
	if t.doneEst >= t.plan.total/20 && t.doneEst > 0 {
		left = time.Duration(float64(t.plan.total-t.doneEst) * float64(elapsed) / float64(t.doneEst))
	}
	done := 0
	if t.plan.total > 0 {
		done = int(100 * t.doneEst / t.plan.total)
	}
	line := fmt.Sprintf("[%3d%%] %s (round %d of %d) · %s elapsed · about %s left",
		done, t.running, t.round, t.plan.count, round(elapsed), round(max(left, 0)))
	if t.live {
		fmt.Fprintf(t.w, "\r\033[K%s", line)
		return
	}
	fmt.Fprintln(t.w, line)
}

// finish ends the progress display with the time the run took.
func (t *tracker) finish() {
	if t.live {
		fmt.Fprintln(t.w)
	}
	if t.start.IsZero() {
		return // no benchmark ran
	}
	fmt.Fprintf(t.w, "done in %s\n", round(t.now().Sub(t.start)))
}

// round rounds d to what a person wants to read: seconds under ten
// minutes, ten seconds above.
func round(d time.Duration) time.Duration {
	if d >= 10*time.Minute {
		return d.Round(10 * time.Second)
	}
	return d.Round(time.Second)
}
