// Package subprocess holds a dialogue with a console program: it waits for
// the program's prompt, answers it, and records what the program printed
// in between. It is the Go form of asyncio.create_subprocess_exec with
// stdin and stdout PIPEs, StreamReader.readuntil(prompt) and
// StreamWriter.write.
//
// This is the kata: make `go run ./cmd/kata test subprocess` pass.
// The properties are explained in docs/katas/subprocess.md.
package subprocess

import (
	"context"
	"os/exec"
)

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
	panic("subprocess: Converse is not written yet (docs/katas/subprocess.md)")
}
