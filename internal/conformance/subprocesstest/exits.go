package subprocesstest

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
)

func nonZeroExitIsExitError(t *testing.T, impl Impl) {
	s := Script{
		Prompt: "> ", Banner: "ready\n", Reply: "ok ", Bye: "bye\n", Answers: untilEOF,
		FillErr: 100, Exit: 3, Message: "console: the disk is full\n",
	}
	inputs := []string{"save", "quit"}
	want, _ := s.Dialogue(inputs)
	_, got, err := converse(t.Context(), impl, s, inputs)
	var exit *exec.ExitError
	switch {
	case !errors.As(err, &exit):
		t.Errorf("%s returned error %s; want one that errors.As finds an *exec.ExitError in", call(s, inputs), errText(err))
	case exit.ExitCode() != 3:
		t.Errorf("%s returned an *exec.ExitError of status %d; want 3", call(s, inputs), exit.ExitCode())
	case !strings.Contains(err.Error(), "the disk is full"):
		t.Errorf("%s returned error %s; want its message to hold what the program wrote on stderr, %q", call(s, inputs), errText(err), "console: the disk is full")
	}
	if diff := transcriptDiff(got, want); diff != "" {
		t.Errorf("%s returned %s, with its error", call(s, inputs), diff)
	}
}

func earlyExitNamesTheInput(t *testing.T, impl Impl) {
	cases := []struct {
		s      Script
		inputs []string
	}{
		{Script{Prompt: "> ", Banner: "hello\n", Reply: "ok ", Bye: "bye\n", Answers: 2},
			[]string{"one", "two", "three-is-never-asked", "four"}},
		{Script{Prompt: "> ", Answers: 0}, []string{"never-asked"}},
		{Script{Prompt: "> ", Banner: "hello\n", Answers: 1, Exit: 2, Message: "console: no more questions\n"},
			[]string{"first", "second-is-never-asked"}},
	}
	for _, c := range cases {
		want, missing := c.s.Dialogue(c.inputs)
		_, got, err := converse(t.Context(), impl, c.s, c.inputs)
		if err == nil || !strings.Contains(err.Error(), c.inputs[missing]) {
			t.Errorf("%s returned error %s; want an error naming the input the program never asked for, %q",
				call(c.s, c.inputs), errText(err), c.inputs[missing])
			continue
		}
		var exit *exec.ExitError
		if c.s.Exit != 0 && (!errors.As(err, &exit) || !strings.Contains(err.Error(), "no more questions")) {
			t.Errorf("%s returned error %s; want it to wrap the *exec.ExitError of status %d too, with the program's stderr, %q",
				call(c.s, c.inputs), errText(err), c.s.Exit, c.s.Message)
		}
		if diff := transcriptDiff(got, want); diff != "" {
			t.Errorf("%s returned %s, with its error: want what it printed before each prompt, then what it printed after the last", call(c.s, c.inputs), diff)
		}
	}
}

func childIsReaped(t *testing.T, impl Impl) {
	cases := []struct {
		what   string
		s      Script
		inputs []string
	}{
		{"a dialogue", Script{Prompt: "> ", Reply: "ok ", Answers: untilEOF}, []string{"a", "b"}},
		{"an exit status", Script{Prompt: "> ", Answers: untilEOF, Exit: 1}, []string{"a"}},
		{"an early exit", Script{Prompt: "> ", Answers: 1}, []string{"a", "b"}},
	}
	for _, c := range cases {
		cmd, _, err := converse(t.Context(), impl, c.s, c.inputs)
		if cmd.Process == nil {
			t.Errorf("after %s, %s returned error %s without starting its cmd", c.what, call(c.s, c.inputs), errText(err))
			continue
		}
		if left := leftOf(cmd.Process.Pid); left != "" {
			t.Errorf("after %s, %s returned, and its program (pid %d) %s", c.what, call(c.s, c.inputs), cmd.Process.Pid, left)
		}
	}
}

// leftOf says what is left of the process pid, which the caller started
// and should have waited for: "" if nothing (it was reaped), or that it is
// a zombie (it has exited, but no cmd.Wait reaped it), or that it still runs.
func leftOf(pid int) string {
	err := syscall.Kill(pid, 0)
	stat, statErr := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if errors.Is(err, syscall.ESRCH) && errors.Is(statErr, os.ErrNotExist) {
		return ""
	}
	if _, rest, ok := bytes.Cut(stat, []byte(") ")); ok && bytes.HasPrefix(rest, []byte("Z")) {
		return "is left a zombie: it has exited, but nothing reaped it (cmd.Wait was never called)"
	}
	return "still runs: Converse returned without waiting for it to exit (cmd.Wait)"
}
