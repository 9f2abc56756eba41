package subprocesstest

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"
)

// promptly is how long Converse may take to return once its ctx is
// cancelled, and its program's group to be gone once it has returned:
// killing and reaping take milliseconds.
const promptly = 2 * time.Second

func cancelKillsProcessGroup(t *testing.T, impl Impl) {
	cases := []struct {
		when   string
		s      Script
		inputs []string
	}{
		{"while Converse waits for a prompt", Script{Prompt: "> ", Banner: "starting\n", Answers: 0, Hang: true, Grandchild: true},
			[]string{"x"}},
		{"while Converse writes an input of 1 MiB that the program never reads", Script{Prompt: "> ", Bye: "> ", Answers: 0, Hang: true, Grandchild: true},
			[]string{strings.Repeat("y", 1<<20)}},
		{"after the inputs, while Converse waits for the program to exit", Script{Prompt: "> ", Answers: untilEOF, Hang: true, Grandchild: true},
			[]string{"x"}},
	}
	for _, c := range cases {
		if !cancelHanging(t, impl, c.when, c.s, c.inputs) {
			return
		}
	}
	doneCtxStartsNothing(t, impl)
}

// doneCtxStartsNothing checks that Converse with a ctx already done
// returns its error and starts nothing, as exec.CommandContext's Start
// does.
func doneCtxStartsNothing(t *testing.T, impl Impl) {
	done, cancel := context.WithCancel(t.Context())
	cancel()
	s := Script{Prompt: "> ", Answers: untilEOF}
	cmd, got, err := converse(done, impl, s, []string{"x"})
	if cmd.Process != nil {
		t.Errorf("%s with a ctx already cancelled started the program (pid %d) and returned %s, %s; want nil, context.Canceled, and nothing started",
			call(s, []string{"x"}), cmd.Process.Pid, shortList(got), errText(err))
	} else if !errors.Is(err, context.Canceled) {
		t.Errorf("%s with a ctx already cancelled returned %s, %s; want nil, context.Canceled",
			call(s, []string{"x"}), shortList(got), errText(err))
	}
}

// cancelHanging has impl converse with a console that hangs, cancels ctx
// once it hangs, and checks that Converse returns promptly, leaving
// nothing. It reports whether the check passed.
func cancelHanging(t *testing.T, impl Impl, when string, s Script, inputs []string) bool {
	h := startHanging(t, impl, s, inputs)
	defer h.end()
	line, running := h.hung()
	if !running {
		t.Errorf("%s returned error %s before its program was running; want it to converse until its ctx is cancelled", call(s, inputs), errText(h.err))
		return false
	}
	if _, err := fmt.Sscan(line, &h.pid, &h.grandchild); err != nil {
		t.Errorf("the console reported %q, want two pids: %v", line, err)
		return false
	}
	if pgid, err := syscall.Getpgid(h.pid); err == nil && pgid != h.pid {
		t.Errorf("the program that %s started (pid %d) runs in process group %d, not in a group of its own: Converse cannot kill what it starts with it (set cmd.SysProcAttr.Setpgid)", call(s, inputs), h.pid, pgid)
		return false
	}
	h.cancel()
	if !h.returnedWithin(promptly) {
		t.Errorf("%s: ctx cancelled %s, and Converse still had not returned %v later; want cancellation to kill the program (which ignores SIGINT and SIGTERM) and return", call(s, inputs), when, promptly)
		return false
	}
	if !errors.Is(h.err, context.Canceled) {
		t.Errorf("%s: ctx cancelled %s, and Converse returned error %s; want an error wrapping context.Canceled", call(s, inputs), when, errText(h.err))
		return false
	}
	if left := leftOf(h.pid); left != "" {
		t.Errorf("%s: ctx cancelled %s, Converse returned, and its program (pid %d) %s", call(s, inputs), when, h.pid, left)
		return false
	}
	h.w.Close() // Converse's cmd.Start has read it: only the consoles hold it now
	select {
	case <-h.report.eof:
	case <-time.After(promptly):
		t.Errorf("%s: ctx cancelled %s, and the program's child (pid %d, in the program's process group) still ran %v after Converse returned; want the whole group killed (syscall.Kill(-pid, ...)), not only the program", call(s, inputs), when, h.grandchild, promptly)
		return false
	}
	return true
}

// hanging is a call of Converse with a console that hangs.
type hanging struct {
	r, w            *os.File // the console's Report pipe
	report          report
	cancel          context.CancelFunc
	returned        chan error // gets Converse's error when it returns
	done            bool       // returned has been received from
	err             error      // Converse's error, once done
	pid, grandchild int
}

func startHanging(t *testing.T, impl Impl, s Script, inputs []string) *hanging {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	h := &hanging{r: r, w: w, report: readReport(r), cancel: cancel, returned: make(chan error, 1)}
	s.Report = w
	go func() {
		_, _, err := converse(ctx, impl, s, inputs)
		h.returned <- err
	}()
	return h
}

// hung waits until the console reports that it hangs, and returns its
// report; running is false if Converse returned first.
func (h *hanging) hung() (line string, running bool) {
	select {
	case line := <-h.report.line:
		return line, true
	case h.err = <-h.returned:
		h.done = true
		return "", false
	}
}

// returnedWithin reports whether Converse returns within d.
func (h *hanging) returnedWithin(d time.Duration) bool {
	select {
	case h.err = <-h.returned:
		h.done = true
	case <-time.After(d):
	}
	return h.done
}

// end kills whatever a failing implementation left running, waits for
// Converse to return, and closes the pipe.
func (h *hanging) end() {
	h.cancel()
	killAll(h.pid, h.grandchild)
	if !h.done {
		h.err = <-h.returned
	}
	h.w.Close() // after Converse returned: its cmd.Start has read it
	h.report.stop(h.r)
}

// A report reads what hanging consoles write on their Report pipe: the
// first line, then EOF once every console holding it has exited.
type report struct {
	line chan string
	eof  chan struct{}
}

func readReport(r *os.File) report {
	rep := report{line: make(chan string, 1), eof: make(chan struct{})}
	go func() {
		defer close(rep.eof)
		in := bufio.NewReader(r)
		if line, err := in.ReadString('\n'); err == nil {
			rep.line <- line
		}
		io.Copy(io.Discard, in)
	}()
	return rep
}

// stop ends the report's reading goroutine, by closing r, and waits for it.
func (rep report) stop(r *os.File) {
	r.Close()
	<-rep.eof
}

// killAll kills the processes and groups that a failing implementation may
// have left: the console's group, if it has one, and both consoles.
func killAll(pids ...int) {
	for _, pid := range pids {
		if pid > 0 {
			_ = syscall.Kill(-pid, syscall.SIGKILL)
			_ = syscall.Kill(pid, syscall.SIGKILL)
		}
	}
}
