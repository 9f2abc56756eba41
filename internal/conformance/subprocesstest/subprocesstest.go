// Package subprocesstest is the conformance suite of the subprocess kata:
// the properties of docs/katas/subprocess.md, run against any
// implementation of Converse (the learner's kata, the reference and the
// mutants).
//
// The program that Converse talks to is the test binary itself, started
// again in the harness's helper role "console" (console.go): a Script says
// what it prints, on which stream, how much, and when it stops, exits with a
// status, or hangs with a grandchild. What it prints depends only on the
// lines it reads, so Script.Dialogue (model.go) knows the exact transcript
// of any dialogue, which transcript-is-exact compares on random prompts,
// texts and inputs.
//
// The properties run real processes and pipes, so they cannot run in
// synctest bubbles: a deadlock on a full pipe is found by the harness, as
// stillness, and named where the code under test waits; a cancellation is
// given a bound of real time. The random cases may miss a way of cutting
// the output that a given run of the pipes never produced, and the checks
// for zombies and process groups read /proc and need Linux: run the suite
// under the race detector, on Linux.
package subprocesstest

import (
	"context"
	"fmt"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/conckata/conckata/internal/harness"
)

// Impl is an implementation of the subprocess kata.
type Impl struct {
	Converse func(ctx context.Context, cmd *exec.Cmd, prompt string, inputs []string) (transcript []string, err error)
}

// Suite holds the properties, in the order the doc page explains them.
var Suite = &harness.Suite[Impl]{
	Kata: "subprocess",
	// A property waits, still, while a console starts (the race-enabled
	// test binary, on a loaded machine), and for 2s of real time in
	// cancel-kills-process-group.
	HangLimit: 5 * time.Second,
	Properties: []harness.Property[Impl]{
		{Name: "transcript-is-exact", Expect: "for any prompt, program texts and inputs without newlines, the transcript holds what the program printed before each prompt, then the rest, cut at each prompt as asyncio's readuntil cuts it", Check: transcriptIsExact},
		{Name: "large-output-never-deadlocks", Expect: "a dialogue with 1 MiB on stdout and 1 MiB on stderr before every prompt, and inputs of 256 KiB, completes with the exact transcript: no pipe is left full while Converse waits on another", Check: largeOutputNeverDeadlocks},
		{Name: "non-zero-exit-is-exit-error", Expect: "a program that exits with status 3 makes Converse return the transcript and an error that errors.As finds an *exec.ExitError in, whose message holds what the program wrote on stderr", Check: nonZeroExitIsExitError},
		{Name: "early-exit-names-the-input", Expect: "a program that exits before printing the prompt for an input makes Converse return what it printed and an error naming that input (and wrapping the *exec.ExitError of a non-zero status)", Check: earlyExitNamesTheInput},
		{Name: "child-is-reaped", Expect: "when Converse returns, after a dialogue, an exit status or an early exit, its program has been waited for: no zombie is left, and /proc has no entry for its pid", Check: childIsReaped},
		{Name: "cancel-kills-process-group", Expect: "cancelling ctx while the program hangs, ignoring SIGINT and SIGTERM, kills it and its process group (Converse gives it a group of its own), and Converse returns within 2s an error wrapping context.Canceled, leaving no zombie and no grandchild; a ctx already done starts nothing", Check: cancelKillsProcessGroup},
		{Name: "bad-input-is-refused", Expect: `a program that does not exist gives an error; a nil cmd, an empty prompt, a cmd already started or one whose Stdin or Stdout is set make Converse panic with "subprocess: ..." before it starts anything`, Check: badInputIsRefused},
	},
}

// Run checks every property of the subprocess kata against impl.
func Run(t *testing.T, impl Impl) {
	t.Helper()
	Suite.Run(t, impl)
}

// short quotes s, cut to its first 40 bytes and its length if it is longer,
// for failure messages about megabytes of output.
func short(s string) string {
	if len(s) <= 40 {
		return fmt.Sprintf("%q", s)
	}
	return fmt.Sprintf("%q...(%d bytes)", s[:40], len(s))
}

// shortList quotes each string of list, as short does.
func shortList(list []string) string {
	if list == nil {
		return "nil"
	}
	quoted := make([]string, len(list))
	for i, s := range list {
		quoted[i] = short(s)
	}
	return "[" + strings.Join(quoted, " ") + "]"
}

// errText is err's message, or nil.
func errText(err error) string {
	if err == nil {
		return "nil"
	}
	return fmt.Sprintf("%q", err.Error())
}

// String describes s as its fields that are set, for failure messages.
func (s Script) String() string {
	parts := []string{"prompt " + short(s.Prompt)}
	add := func(name, value string) { parts = append(parts, name+" "+value) }
	for _, f := range []struct{ name, value string }{
		{"banner", s.Banner}, {"reply", s.Reply}, {"bye", s.Bye}, {"stderr message", s.Message},
	} {
		if f.value != "" {
			add(f.name, short(f.value))
		}
	}
	for _, f := range []struct {
		name  string
		value int
	}{{"bytes before each prompt", s.Fill}, {"bytes on stderr before each prompt", s.FillErr}, {"exit status", s.Exit}} {
		if f.value != 0 {
			add(f.name, fmt.Sprint(f.value))
		}
	}
	if s.Answers >= 0 {
		add("lines asked for", fmt.Sprint(s.Answers))
	}
	if s.Split {
		parts = append(parts, "prompt written a byte at a time")
	}
	if s.Hang {
		parts = append(parts, "hangs at the end")
	}
	if s.Grandchild {
		parts = append(parts, "with a grandchild")
	}
	return "console{" + strings.Join(parts, ", ") + "}"
}
