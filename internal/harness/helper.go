package harness

import (
	"context"
	"fmt"
	"os"
	"os/exec"
)

// A Helper is a program that a property runs as a process of its own: a
// console program to converse with, a server to connect to. It is the test
// binary itself, started again in the helper's role, as the standard
// library's os/exec tests do, so that a kata needs no second binary.
//
// A Helper is declared with NewHelper in a package-level variable of a test
// file, so that it is known before Main runs: Main runs the helper instead
// of the tests when the binary is started by Command.
type Helper struct {
	name string
	main func(args []string) int
}

// helpers are the helpers of this test binary, by name. NewHelper adds to it
// during package initialisation only, so it needs no lock.
var helpers = map[string]*Helper{}

// NewHelper declares the helper called name (lower-case words joined by
// '-'), which runs main with the arguments of its command and exits with
// the status main returns. It panics if the name is not plain or is taken.
func NewHelper(name string, main func(args []string) int) *Helper {
	mustBeName("helper", name)
	if helpers[name] != nil {
		panic(fmt.Sprintf("harness: two helpers are called %q", name))
	}
	h := &Helper{name: name, main: main}
	helpers[name] = h
	return h
}

// Name returns the helper's name.
func (h *Helper) Name() string { return h.name }

// Command returns the command that runs h with args: this test binary in h's
// role. Its environment is this process's (without the harness's markers,
// which the binary took out as it started) and h's own marker, which h takes
// out in turn, so that what h starts is no helper unless started by Command.
// ctx kills it, as for exec.CommandContext.
//
// Its standard input, output and error are the caller's to set; left nil,
// they are the null device. Either way what h prints is never read as the
// property's verdict: in a property's process, os.Stdout and os.Stderr are a
// file of their own, which -v shows apart. h stays in the property's process
// group, so it is killed with the property's process if it is still running
// when the property ends or hangs.
func (h *Helper) Command(ctx context.Context, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, self(), args...)
	cmd.Env = append(os.Environ(), helperEnv+"="+h.name)
	return cmd
}

// runHelper runs the helper called name, and returns its exit status.
func runHelper(name string, args []string) int {
	h := helpers[name]
	if h == nil {
		fmt.Fprintf(os.Stderr, "harness: %s has no helper called %q (NewHelper declares one)\n", os.Args[0], name)
		return 2
	}
	return h.main(args)
}

// self returns the path of this test binary, to start it again.
func self() string {
	if path, err := os.Executable(); err == nil {
		return path
	}
	return os.Args[0]
}
