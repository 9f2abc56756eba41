package subprocesstest

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/conckata/conckata/internal/bubble"
)

func badInputIsRefused(t *testing.T, impl Impl) {
	ctx := t.Context()
	missing := exec.Command(filepath.Join(t.TempDir(), "no-such-program"))
	got, err := impl.Converse(ctx, missing, "> ", []string{"x"})
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Converse(ctx, cmd, %q, [\"x\"]) of a program that does not exist returned %s, %s; want an error that errors.Is fs.ErrNotExist, from cmd.Start",
			"> ", shortList(got), errText(err))
	}

	s := Script{Prompt: "> ", Answers: untilEOF}
	mustPanic(t, "Converse(ctx, nil, \"> \", [\"x\"])", nil, func(*exec.Cmd) { impl.Converse(ctx, nil, "> ", []string{"x"}) })
	mustPanic(t, "Converse(ctx, cmd, \"\", [\"x\"]) with an empty prompt", s.Command(ctx), func(cmd *exec.Cmd) {
		impl.Converse(ctx, cmd, "", []string{"x"})
	})
	withStdin := s.Command(ctx)
	withStdin.Stdin = strings.NewReader("x\n")
	mustPanic(t, "Converse(ctx, cmd, \"> \", [\"x\"]) of a cmd whose Stdin is set", withStdin, func(cmd *exec.Cmd) {
		impl.Converse(ctx, cmd, "> ", []string{"x"})
	})
	withStdout := s.Command(ctx)
	withStdout.Stdout = new(bytes.Buffer)
	mustPanic(t, "Converse(ctx, cmd, \"> \", [\"x\"]) of a cmd whose Stdout is set", withStdout, func(cmd *exec.Cmd) {
		impl.Converse(ctx, cmd, "> ", []string{"x"})
	})

	started := Script{Prompt: "> ", Answers: 0}.Command(ctx)
	if err := started.Start(); err != nil {
		t.Fatal(err)
	}
	mustPanic(t, "Converse(ctx, cmd, \"> \", [\"x\"]) of a cmd already started", nil, func(*exec.Cmd) {
		impl.Converse(ctx, started, "> ", []string{"x"})
	})
	if err := started.Wait(); err != nil {
		t.Errorf("after Converse refused a cmd already started, the cmd's own Wait returned %v: want Converse to leave it alone", err)
	}
}

// mustPanic fails t unless f, given cmd, panics with a string that starts
// with "subprocess: ", and without starting cmd (if it is not nil).
func mustPanic(t *testing.T, what string, cmd *exec.Cmd, f func(cmd *exec.Cmd)) {
	t.Helper()
	v := bubble.Panics(func() { f(cmd) })
	msg, ok := v.(string)
	switch {
	case v == nil:
		t.Errorf("%s did not panic; want a panic \"subprocess: ...\": a caller's bug", what)
	case !ok || !strings.HasPrefix(msg, "subprocess: "):
		t.Errorf("%s panicked with %s; want a string starting \"subprocess: \"", what, fmt.Sprintf("%#v", v))
	}
	if cmd != nil && cmd.Process != nil {
		t.Errorf("%s started the program (pid %d); want a panic before anything starts", what, cmd.Process.Pid)
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	}
}
