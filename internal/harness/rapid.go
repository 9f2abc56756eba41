package harness

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// rapid reports a failing property in words of its own: "[rapid] failed
// after 3 tests: MSG", "[rapid] panic after 0 tests: MSG" followed by a
// traceback, or "[rapid] flaky test, can not reproduce a failure". These
// patterns match the lines of pgregory.net/rapid v1.3 (engine.go) that the
// harness translates into a learner's words.
var (
	rapidFailed = regexp.MustCompile(`^\[rapid\] failed after (\d+) tests: (.*)$`)
	rapidPanic  = regexp.MustCompile(`^\[rapid\] panic after (\d+) tests: (.*)$`)
	rapidFlaky  = regexp.MustCompile(`^\[rapid\] flaky test, can not reproduce a failure`)
	// rapidFirst is the first error of a flaky run: "Original traceback (MSG):".
	rapidFirst = regexp.MustCompile(`^Original traceback \((.*)\):$`)
	rapidSeed  = regexp.MustCompile(`-rapid\.seed=(\d+)`)
	// rapidFrame is a line of rapid's traceback: "/abs/file.go:12 in pkg.Func".
	rapidFrame = regexp.MustCompile(`^(\S+\.go):(\d+) in (\S+)$`)
)

// bubbleDeadlock is how synctest ends a bubble whose goroutines stay blocked
// after its function returned; rapid reports it as a panic.
const bubbleDeadlock = "deadlock: main bubble goroutine has exited but blocked goroutines remain"

// rapidOutcome translates a property's failure that rapid reported, given
// the child's output. It also returns the seed that repeats the failure, if
// rapid gave one. ok is false if rapid did not report the failure.
func rapidOutcome(lines []string) (o Outcome, seed string, ok bool) {
	msgs := messages(lines)
	if len(msgs) == 0 {
		return Outcome{}, "", false
	}
	first := withoutFileLine(msgs[0])
	for _, m := range msgs {
		if s := rapidSeed.FindStringSubmatch(m); s != nil {
			seed = s[1]
			break
		}
	}
	detail := limit(msgs)
	if m := rapidFailed.FindStringSubmatch(first); m != nil {
		return Outcome{Got: m[2] + " (in rapid's random case " + nth(m[1]) + ", shrunk to the smallest that fails)", Detail: detail}, seed, true
	}
	if m := rapidPanic.FindStringSubmatch(first); m != nil {
		if strings.HasPrefix(m[2], bubbleDeadlock) {
			return Outcome{
				Got:    "deadlock: the property's synctest bubble ended with goroutines still blocked in it, which nothing can wake (a missed wake-up, or a lock never unlocked)" + leftBlocked(lines),
				Detail: detail,
			}, seed, true
		}
		return Outcome{Got: "panic: " + m[2] + rapidSite(msgs) + " (in rapid's random case " + nth(m[1]) + ")", Detail: detail}, seed, true
	}
	if rapidFlaky.MatchString(first) {
		what := "a failure"
		for _, m := range msgs {
			if f := rapidFirst.FindStringSubmatch(m); f != nil {
				what = f[1]
				break
			}
		}
		return Outcome{
			Got: what + "; then, run again with the same random inputs, it did not fail: the bug depends on the schedule " +
				"(the order in which goroutines ran), so run it again a few times, and read the detail with -v",
			Detail: detail,
		}, seed, true
	}
	return Outcome{}, "", false
}

// nth turns rapid's count of passed cases into the number of the failing one.
func nth(passed string) string {
	n, err := strconv.Atoi(passed)
	if err != nil {
		return "after " + passed
	}
	return "#" + strconv.Itoa(n+1)
}

// rapidSite returns " at FILE:LINE" for the first frame of rapid's traceback
// in the code under test, or of any frame outside the runtime; "" if there
// is none.
func rapidSite(msgs []string) string {
	var frames []frame
	for _, m := range msgs {
		if f := rapidFrame.FindStringSubmatch(strings.TrimSpace(m)); f != nil {
			frames = append(frames, frame{file: f[1], line: f[2], fn: f[3]})
		}
	}
	return site(frames)
}

// leftBlocked names where the goroutines that a bubble left blocked wait,
// from goleak's report at the end of the child: ": Set at
// katas/event/event.go:30 waits for ..."; "" if there is no such report.
func leftBlocked(lines []string) string {
	i := slices.IndexFunc(lines, func(l string) bool { return strings.Contains(l, "found unexpected goroutines") })
	if i < 0 {
		return ""
	}
	dump := parseDump(lines[i:])
	if len(dump) == 0 {
		return ""
	}
	return ": " + whereStuck(dump)
}
