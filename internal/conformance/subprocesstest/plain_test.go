package subprocesstest

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"syscall"
)

// bugs switches on known bugs in plain.
type bugs struct {
	writeFirst, noWait, ignoreCtx, loseStderr bool
}

func mutant(b bugs) Impl { return Impl{Converse: plain{b}.converse} }

// plain is the textbook expect loop, one goroutine reading the program's
// output a byte at a time until it ends with the prompt, into which the bugs
// are switched. Unlike the reference it reads stdout only while it waits for
// a prompt; that is enough for a program that reads each input whole before
// it prints again, as the console does.
type plain struct{ bugs }

func (p plain) converse(ctx context.Context, cmd *exec.Cmd, prompt string, inputs []string) ([]string, error) {
	switch {
	case cmd == nil:
		panic("subprocess: nil cmd")
	case prompt == "":
		panic("subprocess: empty prompt")
	case cmd.Process != nil:
		panic("subprocess: cmd already started")
	case cmd.Stdin != nil || cmd.Stdout != nil:
		panic("subprocess: cmd.Stdin or cmd.Stdout already set")
	}
	if err := ctx.Err(); err != nil && !p.ignoreCtx {
		return nil, err
	}
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	var stderr bytes.Buffer // written by os/exec's goroutine, read after Wait
	if !p.loseStderr {
		cmd.Stderr = &stderr
	}
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	if !p.ignoreCtx {
		stop := context.AfterFunc(ctx, func() { syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) })
		defer stop()
	}
	transcript, missing, talkErr := p.talk(bufio.NewReader(stdout), stdin, prompt, inputs)
	if p.noWait {
		return transcript, talkErr
	}
	err = cmd.Wait()
	switch {
	case err != nil && ctx.Err() != nil:
		return transcript, fmt.Errorf("subprocess: killed: %w", ctx.Err())
	case err != nil:
		err = fmt.Errorf("subprocess: %w, stderr %q", err, stderr.String())
	}
	if missing >= 0 {
		return transcript, errors.Join(fmt.Errorf("subprocess: the program exited before it asked for input %q", inputs[missing]), err)
	}
	return transcript, errors.Join(talkErr, err)
}

// talk writes each input after its prompt, then closes stdin and reads the
// rest. missing is the index of the first input whose prompt never came,
// or -1.
func (p plain) talk(out *bufio.Reader, stdin io.WriteCloser, prompt string, inputs []string) (transcript []string, missing int, err error) {
	defer stdin.Close()
	if p.writeFirst {
		for _, input := range inputs {
			if _, err := io.WriteString(stdin, input+"\n"); err != nil {
				return nil, -1, err
			}
		}
	}
	for i, input := range inputs {
		before, ok := readUntil(out, prompt)
		transcript = append(transcript, before)
		if !ok {
			return transcript, i, nil
		}
		if !p.writeFirst {
			if _, err := io.WriteString(stdin, input+"\n"); err != nil {
				return transcript, -1, fmt.Errorf("subprocess: writing input %q: %w", input, err)
			}
		}
	}
	stdin.Close()
	rest, err := io.ReadAll(out)
	return append(transcript, string(rest)), -1, err
}

// readUntil reads out until what it read ends with prompt, and returns it
// without the prompt; ok is false if out ended first.
func readUntil(out *bufio.Reader, prompt string) (before string, ok bool) {
	var read []byte
	for !bytes.HasSuffix(read, []byte(prompt)) {
		b, err := out.ReadByte()
		if err != nil {
			return string(read), false
		}
		read = append(read, b)
	}
	return string(read[:len(read)-len(prompt)]), true
}
