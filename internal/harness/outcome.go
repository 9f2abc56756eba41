package harness

import (
	"fmt"
	"strings"
	"time"
)

// Outcome is what became of one property in its child process.
type Outcome struct {
	Passed bool
	Got    string // one line: what happened instead; empty when Passed
	Detail string // the part of the child's output worth reading, for -v
	// Printed is what the property printed on os.Stdout and os.Stderr, with
	// what the processes it started printed there: never read for the
	// verdict, and shown after Detail.
	Printed string
	// Seed is the -rapid.seed that repeats the failure, when rapid found it.
	Seed string
}

// childResult is what runChild saw of a child.
type childResult struct {
	name    string
	output  string // the child's standard output and error: the testing package's report, the runtime's crashes, the harness's lines
	printed string // the property's own output (ownOutput)
	err     error  // from cmd.Run
	killed  bool   // runChild killed it, past its own -test.timeout
	ran     bool   // it reached the property
	limit   time.Duration
	busy    time.Duration // its -test.timeout
}

// maxDetailLines bounds Detail: enough for two goroutine stacks.
const maxDetailLines = 60

// leakWords starts the verdict on goroutines left running, whether goleak
// found them or a synctest bubble did.
const leakWords = "goroutines still running after the property ended (a goroutine leak): "

func (r childResult) outcome() Outcome {
	o := r.classify()
	o.Printed = ownPrint(r.printed)
	if printed := strings.TrimSpace(o.Printed); !o.Passed && printed != "" {
		lines := strings.Split(printed, "\n")
		o.Detail = strings.TrimPrefix(o.Detail+"\n"+
			"what the property printed (its own output, and its processes' where it sent them):\n"+
			limit(indentLines(lines, "  ")), "\n")
	}
	return o
}

// ownPrint returns what the property printed, without the PASS or FAIL
// that the testing package prints on os.Stdout as it ends, after ownOutput
// gave it to the property.
func ownPrint(printed string) string {
	for _, end := range []string{"PASS\n", "FAIL\n"} {
		if rest, ok := strings.CutSuffix(printed, end); ok && (rest == "" || strings.HasSuffix(rest, "\n")) {
			return rest
		}
	}
	return printed
}

// classify reads the child's output for what became of the property.
func (r childResult) classify() Outcome {
	lines := strings.Split(strings.ReplaceAll(r.output, "\r\n", "\n"), "\n")
	switch {
	case r.killed:
		return Outcome{Got: fmt.Sprintf("no result: the property's process was killed after %v, with all it started", r.busy+killGrace), Detail: limit(lines)}
	case r.err == nil && r.ran:
		return Outcome{Passed: true}
	case r.err == nil:
		return Outcome{Got: "nothing: the property did not run (harness error: no test matched " + pattern(r.name) + ")", Detail: r.output}
	case has(lines, announcement+stillLine):
		dump := parseDump(lines[index(lines, announcement+stillLine):])
		return Outcome{
			Got:    fmt.Sprintf("no progress for %v, every goroutine blocked (a deadlock, or a missed wake-up): %s", r.limit, whereStuck(dump)),
			Detail: stuckDetail(dump),
		}
	case has(lines, announcement+busyLine), has(lines, "panic: test timed out after"):
		dump := parseDump(lines)
		return Outcome{
			Got:    fmt.Sprintf("no result within %v, though it never stood still (a busy loop, or far too slow): %s", r.busy, whereStuck(dump)),
			Detail: stuckDetail(dump),
		}
	}
	if !has(lines, "WARNING: DATA RACE") {
		if o, seed, ok := rapidOutcome(lines); ok {
			o.Seed = seed
			return o
		}
	}
	if o, ok := crashOutcome(lines); ok {
		return o
	}
	if signal, ok := killedBy(r.err); ok {
		got := "the property's process was killed by signal " + signal
		if signal == "SIGKILL" {
			got += " (not by the harness: by the kernel's out-of-memory killer, or another process)"
		}
		return Outcome{Got: got, Detail: limit(messages(lines))}
	}
	msgs := messages(lines)
	if len(msgs) == 0 {
		return Outcome{Got: "a failure with no message (exit: " + r.err.Error() + ")", Detail: limit(lines)}
	}
	return Outcome{Got: withoutFileLine(msgs[0]), Detail: limit(msgs)}
}

// crashOutcome reads a crash of the child, or goroutines it left behind.
func crashOutcome(lines []string) (Outcome, bool) {
	switch {
	case has(lines, "WARNING: DATA RACE"):
		return raceOutcome(lines), true
	case has(lines, "panic: deadlock: main bubble goroutine has exited"):
		if msgs := messages(lines); len(msgs) > 0 {
			// The property failed first, and its goroutines were left blocked
			// as a consequence: the failure is what teaches.
			return Outcome{Got: withoutFileLine(msgs[0]) + " (and goroutines were left blocked)", Detail: limit(msgs)}, true
		}
		return leakOutcome(parseDump(lines)), true
	case has(lines, "panic: deadlock: "):
		dump := parseDump(lines)
		return Outcome{
			Got:    "deadlock: every goroutine in the test's bubble is blocked, so nothing can ever wake them: " + whereStuck(dump),
			Detail: stuckDetail(dump),
		}, true
	case has(lines, "panic: "):
		return panicOutcome(lines), true
	case has(lines, "fatal error: "):
		i := index(lines, "fatal error: ")
		return Outcome{Got: strings.TrimSpace(lines[i]) + crashSite(lines[i:]), Detail: limit(firstStack(lines[i:]))}, true
	case contains(lines, "found unexpected goroutines"):
		return leakOutcome(parseDump(lines)), true
	}
	return Outcome{}, false
}

// leakOutcome is the verdict on goroutines left running, named by where
// they wait.
func leakOutcome(dump []goroutine) Outcome {
	return Outcome{Got: leakWords + whereStuck(dump), Detail: stuckDetail(dump)}
}

// stuckDetail is the -v detail of a dump: the traces of the goroutines that
// wait in the code under test, or of all of them if none does.
func stuckDetail(dump []goroutine) string {
	if traces := stuckTraces(dump); len(traces) > 0 {
		return limit(traces)
	}
	var lines []string
	for _, g := range dump {
		lines = append(append(lines, g.lines...), "")
	}
	return limit(lines)
}
