// Package subprocess holds a dialogue with a console program: it waits for
// the program's prompt, answers it, and records what the program printed
// in between. It is the Go form of asyncio.create_subprocess_exec with
// stdin and stdout PIPEs, StreamReader.readuntil(prompt) and
// StreamWriter.write.
//
// This is the reference solution of the subprocess kata; the properties are
// explained in docs/katas/subprocess.md.
package subprocess

import (
	"context"
	"fmt"
	"io"
	"os/exec"
	"path/filepath"
	"sync"
	"syscall"
	"time"
)

// waitDelay is the cmd.WaitDelay that Converse sets when cmd has none: how
// long Wait waits, once the program has exited, for a process that
// inherited its stdout or stderr (and left its process group) to close them.
const waitDelay = time.Second

// Converse starts cmd and holds a dialogue with it. For each input, it waits
// until the program has printed prompt, records what it printed before the
// prompt (since the previous one), and writes the input and a newline to its
// standard input. After the inputs, it closes the program's standard input,
// records the rest of its output, prompts included, and waits for it to
// exit. On success, transcript has len(inputs)+1 entries.
//
// The output is cut as asyncio's readuntil cuts it: at the first occurrence
// of prompt after the previous one, even inside a line. The program's
// standard output and standard error are read all the time, whatever
// Converse is doing, so that no output, of any size, fills a pipe while
// Converse writes or waits. Standard error is not in the transcript: it
// goes to cmd.Stderr as well if that is set, and its first and last 2 KiB
// are kept for the error.
//
// A program that exits with a non-zero status makes Converse return an error
// wrapping the *exec.ExitError, whose message and Stderr hold what was kept
// of the program's standard error. A program that exits before printing the
// prompt for an input makes it return an error naming that input (wrapping
// the *exec.ExitError, if the status was not zero). Either way, transcript
// holds what was recorded, then what the program printed after its last
// prompt.
//
// Converse puts the program in a process group of its own
// (cmd.SysProcAttr.Setpgid, unless it sets Setsid). When ctx is done, it
// kills that group with SIGKILL, waits for the program, and returns an error
// wrapping ctx.Err(); if cmd was made by exec.CommandContext, the command's
// own context kills the group too. A ctx that is already done starts
// nothing. In every case Converse waits for the program before it returns,
// so no zombie is left; if cmd.WaitDelay is zero, it is set to 1s.
//
// Converse panics, before it starts anything, if cmd is nil, prompt is
// empty, cmd was started already, or cmd.Stdin or cmd.Stdout is set.
func Converse(ctx context.Context, cmd *exec.Cmd, prompt string, inputs []string) (transcript []string, err error) {
	mustBeFresh(cmd, prompt)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	d, err := start(cmd)
	if err != nil {
		return nil, err
	}
	killed := make(chan struct{})
	stop := context.AfterFunc(ctx, func() { defer close(killed); d.kill(true) })
	transcript, missing, writeErr := d.talk(prompt, inputs)
	d.stdin.Close() // the inputs end: the program may finish
	<-d.exited
	if !stop() {
		<-killed // a kill that has started ends before Converse returns
	}
	transcript = append(transcript, d.out.rest())
	return transcript, d.verdict(ctx, inputs, missing, writeErr)
}

// mustBeFresh panics unless Converse can hold a dialogue with cmd.
func mustBeFresh(cmd *exec.Cmd, prompt string) {
	switch {
	case cmd == nil:
		panic("subprocess: Converse with a nil *exec.Cmd")
	case prompt == "":
		panic("subprocess: Converse with an empty prompt, which every output starts with")
	case cmd.Process != nil:
		panic("subprocess: Converse with a cmd that was started already")
	case cmd.Stdin != nil || cmd.Stdout != nil:
		panic("subprocess: Converse with a cmd whose Stdin or Stdout is set: Converse writes one and reads the other")
	}
}

// A dialogue is one program that Converse talks to.
type dialogue struct {
	cmd    *exec.Cmd
	stdin  io.WriteCloser // closed at the end of the inputs, or by kill
	out    *output
	stderr *kept
	// exited is closed once cmd.Wait has returned: the program is reaped,
	// and out holds all of its output.
	exited  chan struct{}
	waitErr error // cmd.Wait's error, read after exited

	mu     sync.Mutex // protects the fields below
	reaped bool       // cmd.Wait has returned: the group's pid may be reused
	killed bool       // Converse's ctx killed the group
}

// start starts cmd in a process group of its own, with its output read by
// os/exec's goroutines into the dialogue, and waits for it in a goroutine.
func start(cmd *exec.Cmd) (*dialogue, error) {
	d := &dialogue{cmd: cmd, out: newOutput(), stderr: new(kept), exited: make(chan struct{})}
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, fmt.Errorf("subprocess: %w", err)
	}
	d.stdin = stdin
	cmd.Stdout = d.out
	if cmd.Stderr != nil {
		cmd.Stderr = io.MultiWriter(cmd.Stderr, d.stderr)
	} else {
		cmd.Stderr = d.stderr
	}
	attr := syscall.SysProcAttr{}
	if cmd.SysProcAttr != nil {
		attr = *cmd.SysProcAttr // a copy: the caller may share theirs
	}
	if !attr.Setsid { // a session leader leads its group already
		attr.Setpgid, attr.Pgid = true, 0
	}
	cmd.SysProcAttr = &attr
	if cmd.Cancel != nil { // made by exec.CommandContext, whose Cancel kills only the program
		cmd.Cancel = func() error { d.kill(false); return nil }
	}
	if cmd.WaitDelay == 0 {
		cmd.WaitDelay = waitDelay
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("subprocess: %w", err)
	}
	go d.wait()
	return d, nil
}

// wait waits for the program and its output, then closes exited.
func (d *dialogue) wait() {
	err := d.cmd.Wait()
	d.mu.Lock()
	d.reaped = true
	d.mu.Unlock()
	d.waitErr = err
	close(d.exited)
}

// kill kills the program's process group, unless the program was reaped
// already (its pid, and so the group's id, may then belong to another
// process), and closes its stdin, which ends a write it blocks.
func (d *dialogue) kill(byCtx bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if !d.reaped {
		_ = syscall.Kill(-d.cmd.Process.Pid, syscall.SIGKILL)
		d.killed = d.killed || byCtx
	}
	d.stdin.Close()
}

// talk answers the program's prompts with inputs, and returns what it
// printed before each. missing is the index of the first input whose prompt
// never came, or -1; writeErr says why an input could not be written.
func (d *dialogue) talk(prompt string, inputs []string) (transcript []string, missing int, writeErr error) {
	transcript = make([]string, 0, len(inputs)+1)
	for i, input := range inputs {
		before, ok := d.until(prompt)
		if !ok {
			return transcript, i, nil
		}
		transcript = append(transcript, before)
		if _, err := io.WriteString(d.stdin, input+"\n"); err != nil {
			return transcript, -1, fmt.Errorf("writing input %d of %d, %q: %w", i+1, len(inputs), input, err)
		}
	}
	return transcript, -1, nil
}

// until waits for the program's next prompt, and returns what it printed
// before it; ok is false if the program exited without printing it.
func (d *dialogue) until(prompt string) (before string, ok bool) {
	for {
		if before, ok := d.out.cut(prompt); ok {
			return before, true
		}
		select {
		case <-d.out.more:
		case <-d.exited:
			return d.out.cut(prompt) // all of its output is in now
		}
	}
}

// verdict is Converse's error, once the program is reaped.
func (d *dialogue) verdict(ctx context.Context, inputs []string, missing int, writeErr error) error {
	d.mu.Lock()
	killed := d.killed
	d.mu.Unlock()
	name := filepath.Base(d.cmd.Path)
	exitErr := d.exitError()
	var err error
	switch {
	case killed:
		return fmt.Errorf("subprocess: %s killed, its process group with it: %w", name, ctx.Err())
	case missing >= 0:
		err = fmt.Errorf("subprocess: %s exited before it asked for input %d of %d, %q", name, missing+1, len(inputs), inputs[missing])
	case writeErr != nil:
		err = fmt.Errorf("subprocess: %s stopped reading: %w", name, writeErr)
	case exitErr != nil:
		return fmt.Errorf("subprocess: %s: %w", name, exitErr)
	default:
		return nil
	}
	if exitErr != nil {
		return fmt.Errorf("%w: %w", err, exitErr)
	}
	return err
}

// exitError returns cmd.Wait's error, with the program's standard error
// added to an *exec.ExitError (in its Stderr and its message); nil if the
// program exited with status 0.
func (d *dialogue) exitError() error {
	exit, ok := d.waitErr.(*exec.ExitError)
	if !ok {
		return d.waitErr
	}
	exit.Stderr = d.stderr.bytes()
	if len(exit.Stderr) == 0 {
		return exit
	}
	return fmt.Errorf("%w, stderr %q", exit, exit.Stderr)
}
