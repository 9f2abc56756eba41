package harness

import (
	"regexp"
	"slices"
	"strings"
)

// panicOutcome reads a panic: its value, and where the learner's code
// panicked.
func panicOutcome(lines []string) Outcome {
	i := index(lines, "panic: ")
	value := strings.TrimPrefix(strings.TrimSpace(lines[i]), "panic: ")
	value = strings.TrimSuffix(strings.TrimSuffix(value, " [recovered, repanicked]"), " [recovered]")
	return Outcome{
		Got:    "panic: " + value + crashSite(lines[i:]),
		Detail: limit(firstStack(lines[i:])),
	}
}

// crashSite returns " at file:line" for the frame where the first goroutine
// trace in lines crashed: the innermost frame below panic() of the code under
// test, or else of anything but the runtime. It returns "" if there is none.
func crashSite(lines []string) string {
	dump := parseDump(firstStack(lines))
	if len(dump) == 0 {
		return ""
	}
	frames := dump[0].frames
	for i, f := range frames { // a repanic puts the first panic below another
		if f.fn == "panic" {
			frames = frames[i+1:]
		}
	}
	return site(frames)
}

// site returns " at file:line" for the first of frames in the code under
// test, or else the first outside the runtime; "" if there is none.
func site(frames []frame) string {
	for _, want := range []func(frame) bool{
		func(f frame) bool { return f.owner() == ownerImplementation },
		func(f frame) bool { return f.owner() != ownerRuntime },
	} {
		if i := slices.IndexFunc(frames, want); i >= 0 {
			return " at " + relative(frames[i].file) + ":" + frames[i].line
		}
	}
	return ""
}

// firstStack returns the lines of the first goroutine trace after lines[0].
func firstStack(lines []string) []string {
	var stack []string
	for _, l := range lines[1:] {
		if _, ok := header(l); ok {
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

// raceOutcome reads the race detector's report: the two accesses, each with
// its innermost frame.
func raceOutcome(lines []string) Outcome {
	i := index(lines, "WARNING: DATA RACE")
	var race []string
	for _, l := range lines[i:] {
		if strings.HasPrefix(l, "==================") {
			break
		}
		race = append(race, l)
	}
	// The report's first two sections name the two accesses: "Write at ... by
	// goroutine 8:" followed by its innermost frame.
	var accesses []string
	for j := 0; j+2 < len(race) && len(accesses) < 2; j++ {
		if l := race[j]; strings.Contains(l, " at 0x") && strings.Contains(l, " by ") {
			kind := strings.ToLower(strings.Fields(l)[0])
			if kind == "previous" {
				kind = "previous " + strings.ToLower(strings.Fields(l)[1])
			}
			accesses = append(accesses, kind+" in "+shortFunc(race[j+1])+" at "+fileOf(race[j+2]))
		}
	}
	return Outcome{
		Got:    "a data race: two goroutines touched the same memory without synchronisation (" + strings.Join(accesses, "; ") + ")",
		Detail: limit(race),
	}
}

// shortFunc turns "github.com/conckata/conckata/katas/lock.(*Mutex).Lock(...)"
// into "lock.(*Mutex).Lock".
func shortFunc(fn string) string {
	fn = withoutArgs(strings.TrimSpace(fn))
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
	path, line, ok := strings.Cut(f[0], ".go:")
	if !ok {
		return f[0]
	}
	return relative(path+".go") + ":" + line
}

// messages returns the t.Error and t.Fatal lines of the output, de-indented,
// up to a crash: the runtime writes "panic: " and the stacks at the start of
// a line, where the testing package indents messages.
func messages(lines []string) []string {
	var msgs []string
	inFail := false
	for _, l := range lines {
		t := strings.TrimSpace(l)
		switch {
		case strings.HasPrefix(l, "panic: "), strings.HasPrefix(l, "fatal error: "):
			return msgs
		case strings.HasPrefix(t, "--- FAIL:"):
			inFail = true
		case strings.HasPrefix(t, "--- "), t == "FAIL", t == "PASS", strings.HasPrefix(t, "exit status"),
			strings.HasPrefix(t, announcement), strings.HasPrefix(t, "=== "):
		case inFail && t != "":
			msgs = append(msgs, t)
		}
	}
	return msgs
}

// testFileLine is the "file.go:12: " that the testing package puts before a
// message.
var testFileLine = regexp.MustCompile(`^\s*[\w.-]+\.go:\d+: `)

func withoutFileLine(msg string) string { return testFileLine.ReplaceAllString(msg, "") }

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

func indentLines(lines []string, prefix string) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = prefix + l
	}
	return out
}
