package harness

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/conckata/conckata/internal/module"
)

// Outcome is what became of one property in its child process.
type Outcome struct {
	Passed bool
	Got    string // one line: what happened instead; empty when Passed
	Detail string // the part of the child's output worth reading, for -v
}

// maxDetailLines bounds Detail: enough for two goroutine stacks.
const maxDetailLines = 60

var (
	fileLine  = regexp.MustCompile(`^\s*[\w.-]+\.go:\d+: `)
	goroutine = regexp.MustCompile(`^goroutine \d+ \[`)
)

// parse classifies a child's combined output. runErr is the child's exit error.
func parse(name, out string, runErr error) Outcome {
	ran := strings.Contains(out, ranMarker+name+"\n")
	if runErr == nil {
		if ran {
			return Outcome{Passed: true}
		}
		return Outcome{Got: "nothing: the property did not run (harness error: no test matched " + pattern(name) + ")", Detail: out}
	}
	lines := strings.Split(strings.ReplaceAll(out, "\r\n", "\n"), "\n")
	switch {
	case has(lines, "panic: test timed out after"):
		return Outcome{
			Got:    "no result within " + hangLimit.String() + ": a goroutine stayed blocked (a deadlock or a missed wake-up); -v shows where each one waits",
			Detail: moduleStacks(lines),
		}
	case has(lines, "WARNING: DATA RACE"):
		return raceOutcome(lines)
	case has(lines, "panic: deadlock: main bubble goroutine has exited"):
		if msgs := messages(lines); len(msgs) > 0 {
			// The property failed first, and its goroutines were left blocked
			// as a consequence: the failure is what teaches.
			return Outcome{Got: fileLine.ReplaceAllString(msgs[0], "") + " (and goroutines were left blocked)", Detail: limit(msgs)}
		}
		return Outcome{
			Got:    "goroutines still blocked when the property ended (a leak, or a waiter never woken)" + firstModuleFrame(lines, "synctest bubble"),
			Detail: moduleStacks(lines),
		}
	case has(lines, "panic: deadlock: "):
		return Outcome{
			Got:    "deadlock: every goroutine in the test's bubble is blocked, so nothing can ever wake them" + firstModuleFrame(lines, "synctest bubble"),
			Detail: moduleStacks(lines),
		}
	case has(lines, "panic: "):
		return panicOutcome(lines)
	case has(lines, "fatal error: "):
		l := lines[index(lines, "fatal error: ")]
		return Outcome{Got: strings.TrimSpace(l), Detail: moduleStacks(lines)}
	case contains(lines, "found unexpected goroutines"):
		return leakOutcome(lines)
	}
	msgs := messages(lines)
	if len(msgs) == 0 {
		return Outcome{Got: "a failure with no message (exit: " + runErr.Error() + ")", Detail: limit(lines)}
	}
	return Outcome{Got: fileLine.ReplaceAllString(msgs[0], ""), Detail: limit(msgs)}
}

// messages returns the t.Error/t.Fatal lines of the output, de-indented.
func messages(lines []string) []string {
	var msgs []string
	inFail := false
	for _, l := range lines {
		t := strings.TrimSpace(l)
		switch {
		case strings.HasPrefix(t, "--- FAIL:"):
			inFail = true
		case strings.HasPrefix(t, "--- "), t == "FAIL", t == "PASS", strings.HasPrefix(t, "exit status"),
			strings.HasPrefix(t, ranMarker), strings.HasPrefix(t, "=== "):
		case inFail && t != "":
			msgs = append(msgs, t)
		}
	}
	return msgs
}

func panicOutcome(lines []string) Outcome {
	i := index(lines, "panic: ")
	value := strings.TrimPrefix(strings.TrimSpace(lines[i]), "panic: ")
	value = strings.TrimSuffix(strings.TrimSuffix(value, " [recovered, repanicked]"), " [recovered]")
	return Outcome{
		Got:    "panic: " + value + panicSite(lines[i:]),
		Detail: limit(firstStack(lines[i:])),
	}
}

// panicSite names the first frame below panic() that is not the runtime's or
// the testing package's: where the learner's code panicked.
func panicSite(lines []string) string {
	stack := firstStack(lines)
	start := 1 // stack[0] is the "goroutine N [running]:" header
	for j, l := range stack {
		if strings.HasPrefix(l, "panic(") {
			start = j + 1
		}
	}
	for j := start; j+1 < len(stack); j++ {
		if fn := stack[j]; !strings.HasPrefix(fn, "\t") && !isPlumbing(fn, stack[j+1]) {
			return " at " + fileOf(stack[j+1])
		}
	}
	return ""
}

// firstStack returns the lines of the first goroutine trace after lines[0].
func firstStack(lines []string) []string {
	var stack []string
	for _, l := range lines[1:] {
		if goroutine.MatchString(l) {
			if stack != nil {
				break
			}
			stack = []string{l}
			continue
		}
		if stack != nil {
			if l == "" {
				break
			}
			stack = append(stack, l)
		}
	}
	return stack
}

// leakOutcome reads goleak's report, whose entries are "[Goroutine 7 in state
// chan receive, with pkg.f on top of the stack:" followed by the stack.
func leakOutcome(lines []string) Outcome {
	where := ""
	for j, l := range lines {
		if strings.Contains(l, "Goroutine ") && strings.Contains(l, " on top of the stack:") && j+2 < len(lines) {
			where = " (first: " + shortFunc(lines[j+1]) + " at " + fileOf(lines[j+2]) + ")"
			break
		}
	}
	return Outcome{
		Got:    "goroutines still running after the property ended (a goroutine leak)" + where,
		Detail: limit(messages(lines)),
	}
}

func raceOutcome(lines []string) Outcome {
	i := index(lines, "WARNING: DATA RACE")
	var report []string
	for _, l := range lines[i:] {
		if strings.HasPrefix(l, "==================") {
			break
		}
		report = append(report, l)
	}
	// The report's first two sections name the two accesses: "Write at ... by
	// goroutine 8:" followed by its innermost frame.
	var accesses []string
	for j := 0; j+2 < len(report) && len(accesses) < 2; j++ {
		if l := report[j]; strings.Contains(l, " at 0x") && strings.Contains(l, " by ") {
			kind := strings.ToLower(strings.Fields(l)[0])
			if kind == "previous" {
				kind = "previous " + strings.ToLower(strings.Fields(l)[1])
			}
			accesses = append(accesses, kind+" in "+shortFunc(strings.TrimSpace(report[j+1]))+" at "+fileOf(report[j+2]))
		}
	}
	return Outcome{
		Got:    "a data race: two goroutines touched the same memory without synchronisation (" + strings.Join(accesses, "; ") + ")",
		Detail: limit(report),
	}
}

// moduleStacks keeps the goroutine traces that pass through this module's
// code (other than the harness): the ones a learner can act on.
func moduleStacks(lines []string) string {
	var keep, block []string
	flush := func() {
		for j := 1; j+1 < len(block); j++ {
			if isOurs(block[j], block[j+1]) {
				keep = append(keep, block...)
				keep = append(keep, "")
				break
			}
		}
		block = nil
	}
	for _, l := range lines {
		if goroutine.MatchString(l) {
			flush()
			block = []string{l}
		} else if block != nil && l != "" {
			block = append(block, l)
		}
	}
	flush()
	return limit(keep)
}

// firstModuleFrame returns " (at file:line)" for the first frame of this
// module's code in a goroutine whose header contains header, or "".
func firstModuleFrame(lines []string, header string) string {
	in := false
	for j, l := range lines {
		if goroutine.MatchString(l) || strings.HasPrefix(l, "[Goroutine") {
			in = strings.Contains(l, header) || strings.Contains(strings.ToLower(l), strings.ToLower(header))
			continue
		}
		if in && j+1 < len(lines) && isOurs(l, lines[j+1]) {
			return " (first: " + shortFunc(l) + " at " + fileOf(lines[j+1]) + ")"
		}
	}
	return ""
}

// modulePath prefixes the functions of this project's code in a stack trace.
const modulePath = module.Path + "/"

// isOurs reports whether a stack frame, given as its function line and its
// file line, is project code a learner can act on.
func isOurs(fn, file string) bool {
	return strings.HasPrefix(strings.TrimSpace(fn), modulePath) && !isPlumbing(fn, file)
}

// isPlumbing reports whether a stack frame (its function line and its file
// line) belongs to the runtime, the testing packages or the harness itself,
// rather than to code a learner can act on.
func isPlumbing(fn, file string) bool {
	for _, p := range []string{"runtime.", "testing.", "testing/", "internal/", "sync.", "created by ", "go.uber.org/goleak"} {
		if strings.HasPrefix(strings.TrimSpace(fn), p) {
			return true
		}
	}
	return strings.Contains(file, "/internal/harness/") && !strings.Contains(file, "_test.go")
}

// shortFunc turns "github.com/conckata/conckata/katas/lock.(*Mutex).Lock(...)"
// into "lock.(*Mutex).Lock".
func shortFunc(fn string) string {
	fn = strings.TrimSpace(fn)
	if i := strings.LastIndex(fn, "("); i > 0 && strings.HasSuffix(fn, ")") {
		fn = fn[:i]
	}
	if i := strings.LastIndex(fn, "/"); i >= 0 {
		fn = fn[i+1:]
	}
	return fn
}

// fileOf turns "\t/abs/path/katas/lock/lock.go:42 +0x1d" into
// "katas/lock/lock.go:42", relative to the module root where possible.
func fileOf(frameLine string) string {
	f := strings.Fields(strings.TrimSpace(frameLine))
	if len(f) == 0 {
		return "?"
	}
	if rel, err := filepath.Rel(moduleRoot, f[0]); err == nil && !strings.HasPrefix(rel, "..") {
		return rel
	}
	return f[0]
}

// moduleRoot is the root of the conckata module, found from the working
// directory (a test runs in its package's directory); "" if it cannot be
// found, and then fileOf keeps paths absolute.
var moduleRoot = func() string {
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	root, err := module.FindRoot(dir)
	if err != nil {
		return ""
	}
	return root
}()

func has(lines []string, prefix string) bool { return index(lines, prefix) >= 0 }

func contains(lines []string, substr string) bool {
	return slices.ContainsFunc(lines, func(l string) bool { return strings.Contains(l, substr) })
}

func index(lines []string, prefix string) int {
	for i, l := range lines {
		if strings.HasPrefix(strings.TrimSpace(l), prefix) {
			return i
		}
	}
	return -1
}

func limit(lines []string) string {
	if len(lines) > maxDetailLines {
		lines = append(lines[:maxDetailLines:maxDetailLines], "... (cut; run the property alone with go test -run to see all)")
	}
	return strings.Join(lines, "\n")
}
