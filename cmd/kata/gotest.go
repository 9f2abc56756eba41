package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"strings"
)

// goTest runs `go test` with args in the module root and returns its standard
// output: the -json event stream. Close waits for go test to end and returns
// its exit error. Tests replace it with recordings of real runs.
type goTest func(ctx context.Context, args ...string) (io.ReadCloser, error)

// execGoTest is the real goTest. go's own messages (a module download, a bad
// flag) go straight to stderr.
func execGoTest(root string, stderr io.Writer) goTest {
	return func(ctx context.Context, args ...string) (io.ReadCloser, error) {
		cmd := exec.CommandContext(ctx, "go", append([]string{"test"}, args...)...)
		cmd.Dir = root
		cmd.Stderr = stderr
		out, err := cmd.StdoutPipe()
		if err != nil {
			return nil, fmt.Errorf("go test: %w", err)
		}
		if err := cmd.Start(); err != nil {
			return nil, fmt.Errorf("starting go test: %w", err)
		}
		return &goTestOutput{ReadCloser: out, cmd: cmd}, nil
	}
}

// goTestOutput is a running go test's standard output.
type goTestOutput struct {
	io.ReadCloser
	cmd *exec.Cmd
}

// Close reads what is left, so that go test is not blocked writing to a full
// pipe, then waits for it.
func (o *goTestOutput) Close() error {
	_, _ = io.Copy(io.Discard, o.ReadCloser)
	return o.cmd.Wait()
}

// testEvent is one line of `go test -json`: cmd/test2json's event, plus the
// build events (ImportPath, FailedBuild) that go test adds since Go 1.24.
type testEvent struct {
	Action      string
	Package     string
	Test        string
	Output      string
	ImportPath  string // of the build, on build-output events
	FailedBuild string // the build that failed, on a package's fail event
}

// testAll runs go test with args and collects its events, calling progress
// (if not nil) on each one as it arrives. A non-zero exit is expected (a
// failing test); it is an error only if go test tested nothing.
func (a *app) testAll(ctx context.Context, progress func(testEvent), args ...string) (*results, error) {
	out, err := a.goTest(ctx, args...)
	if err != nil {
		return nil, err
	}
	res, readErr := collect(out, progress)
	exitErr := out.Close()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if readErr != nil {
		return nil, readErr
	}
	if exitErr != nil && len(res.pkgs) == 0 {
		return nil, fmt.Errorf("go test %s tested nothing (%w); go's own messages are above", strings.Join(args, " "), exitErr)
	}
	return res, nil
}

// collect reads a -json event stream to its end.
func collect(r io.Reader, progress func(testEvent)) (*results, error) {
	res := newResults()
	dec := json.NewDecoder(r)
	for {
		var e testEvent
		err := dec.Decode(&e)
		if errors.Is(err, io.EOF) {
			return res, nil
		}
		if err != nil {
			return nil, fmt.Errorf("reading the events of go test -json: %w", err)
		}
		res.add(e)
		if progress != nil {
			progress(e)
		}
	}
}
