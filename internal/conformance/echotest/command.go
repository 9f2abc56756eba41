package echotest

// The command, end to end: built with the go command of this toolchain,
// started on a free loopback port, talked to over TCP, and sent real
// signals.

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/conckata/conckata/internal/storm"
)

func commandDrainsOnSigint(t *testing.T, impl Impl) {
	c := startCommand(t, buildCommand(t, impl), "-addr", "127.0.0.1:0", "-grace", "20s")
	defer c.stop()
	ctx, cancel := storm.Context(t)
	defer cancel()
	conn := c.dial(t, ctx)
	defer conn.Close()
	if msg := exchange(conn, [][]byte{[]byte("the first half of a message, ")}, false); msg != "" {
		c.fatalf(t, "a client of the command %s", msg)
	}
	c.signal(t, os.Interrupt, "a SIGINT while a client was mid-message")
	if msg := exchange(conn, [][]byte{[]byte("and the second half, sent after SIGINT.")}, true); msg != "" {
		c.fatalf(t, "after SIGINT, a client that was mid-message %s", msg)
	}
	if !c.ends(storm.Timeout) {
		c.fatalf(t, "SIGINT, then its only client gone: the command still runs %v later, want it to exit with status 0 at once", storm.Timeout)
	}
	if c.err != nil {
		c.fatalf(t, "SIGINT, then its only client gone, want exit status 0 after a clean shutdown")
	}
}

func commandSecondSignalStops(t *testing.T, impl Impl) {
	c := startCommand(t, buildCommand(t, impl), "-addr", "127.0.0.1:0", "-grace", "1m")
	defer c.stop()
	ctx, cancel := storm.Context(t)
	defer cancel()
	conn := c.dial(t, ctx)
	defer conn.Close()
	if msg := exchange(conn, [][]byte{[]byte("hello")}, false); msg != "" {
		c.fatalf(t, "a client of the command %s", msg)
	}
	c.signal(t, os.Interrupt, "a SIGINT with a client connected and -grace 1m")
	if err := c.cmd.Process.Signal(os.Interrupt); err != nil {
		c.fatalf(t, "sending a second SIGINT: %v", err)
	}
	if !c.ends(storm.Timeout) {
		c.fatalf(t, "a second SIGINT during a grace period of 1m: the command still runs %v later, want it ended at once", storm.Timeout)
	}
	if c.err == nil {
		c.fatalf(t, "a second SIGINT during a grace period of 1m, want a non-zero status or death by the signal: connections were cut, which is no clean shutdown")
	}
	if _, err := conn.Read(make([]byte, 1)); errors.Is(err, os.ErrDeadlineExceeded) {
		t.Fatalf("the command ended after a second SIGINT, yet its client's connection is still open %v later", storm.Timeout)
	}
}

// buildCommand builds impl's command into t's temporary directory, with the
// go command of this toolchain (its build cache makes a second build quick),
// and returns the executable's path. It skips t if impl has no command.
func buildCommand(t *testing.T, impl Impl) string {
	t.Helper()
	if impl.Command == "" {
		t.Skip("this implementation has no command")
	}
	exe := filepath.Join(t.TempDir(), "echo")
	args := []string{"build", "-o", exe}
	if raceEnabled {
		args = append(args, "-race")
	}
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
	defer cancel()
	build := exec.CommandContext(ctx, goCommand(), append(args, ".")...)
	build.Dir = filepath.FromSlash(impl.Command) // from the test's directory
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build in %s: %v: %s", impl.Command, err, firstLine(out))
	}
	return exe
}

// goCommand returns the go command of the toolchain this test was built by.
func goCommand() string {
	if path := filepath.Join(runtime.GOROOT(), "bin", "go"); fileExists(path) {
		return path
	}
	return "go"
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// command is the command running as a child process.
type command struct {
	cmd    *exec.Cmd
	lines  chan string   // what it prints on its standard output, a line at a time
	stderr bytes.Buffer  // what it prints on its standard error; read once it has exited
	exited chan struct{} // closed once it has exited
	err    error         // what Wait returned, once exited is closed

	restoreSignals func() // undoes keepSignalsDefault
}

// startCommand starts exe with args. The caller defers stop.
func startCommand(t *testing.T, exe string, args ...string) *command {
	t.Helper()
	c := &command{cmd: exec.Command(exe, args...), lines: make(chan string, 16), exited: make(chan struct{})}
	c.restoreSignals = keepSignalsDefault()
	c.cmd.Stdout = &lineWriter{lines: c.lines}
	c.cmd.Stderr = &c.stderr
	c.cmd.WaitDelay = time.Second
	if err := c.cmd.Start(); err != nil {
		t.Fatalf("starting the command: %v", err)
	}
	go func() {
		c.err = c.cmd.Wait()
		close(c.exited)
	}()
	return c
}

// stop kills the command if it still runs, and waits for it.
func (c *command) stop() {
	if !c.ends(0) {
		c.cmd.Process.Kill()
	}
	<-c.exited
	c.restoreSignals()
}

// dial waits for the command's "listening on ADDR" line and connects to
// ADDR, which must be a loopback address.
func (c *command) dial(t *testing.T, ctx context.Context) *net.TCPConn {
	t.Helper()
	addr, ok := c.await("listening on ")
	if !ok {
		c.fatalf(t, "started with -addr 127.0.0.1:0, the command printed no line \"listening on ADDR\" within %v", storm.Timeout)
	}
	host, _, err := net.SplitHostPort(addr)
	if ip := net.ParseIP(host); err != nil || ip == nil || !ip.IsLoopback() {
		c.fatalf(t, "started with -addr 127.0.0.1:0, the command printed \"listening on %s\", want a loopback address", addr)
	}
	conn, err := dialLoopback(ctx, addr)
	if err != nil {
		c.fatalf(t, "connecting to the command at %s: %v", addr, err)
	}
	return conn
}

// signal sends the command sig, what being what the property does, and
// waits for its line "shutting down".
func (c *command) signal(t *testing.T, sig os.Signal, what string) {
	t.Helper()
	if err := c.cmd.Process.Signal(sig); err != nil {
		c.fatalf(t, "%s: sending it failed: %v", what, err)
	}
	if _, ok := c.await("shutting down"); !ok {
		c.fatalf(t, "%s: the command printed no line starting with \"shutting down\" within %v", what, storm.Timeout)
	}
}

// await returns the rest of the first line the command prints that starts
// with prefix, or false if it prints none within storm.Timeout.
func (c *command) await(prefix string) (string, bool) {
	timer := time.NewTimer(storm.Timeout)
	defer timer.Stop()
	for {
		select {
		case line := <-c.lines:
			if rest, ok := strings.CutPrefix(line, prefix); ok {
				return strings.TrimSpace(rest), true
			}
		case <-c.exited:
			for {
				select {
				case line := <-c.lines:
					if rest, ok := strings.CutPrefix(line, prefix); ok {
						return strings.TrimSpace(rest), true
					}
				default:
					return "", false
				}
			}
		case <-timer.C:
			return "", false
		}
	}
}

// ends reports whether the command has exited within d.
func (c *command) ends(d time.Duration) bool {
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-c.exited:
		return true
	case <-timer.C:
		return false
	}
}

// fatalf fails t with the message and what became of the command. A
// failure is often the command's exit (a panic), which its first line of
// standard error says: then that comes first. A command about to exit is
// given a second to.
func (c *command) fatalf(t *testing.T, format string, args ...any) {
	t.Helper()
	msg := fmt.Sprintf(format, args...)
	if !c.ends(time.Second) {
		if !strings.Contains(msg, "still runs") {
			msg += " (the command still runs)"
		}
		t.Fatal(msg)
	}
	state := "the command ended with " + c.cmd.ProcessState.String()
	if line := firstLine(c.stderr.Bytes()); line != "" {
		state += ", printing " + strconv.Quote(line)
	}
	t.Fatalf("%s: %s", state, msg)
}

// keepSignalsDefault makes SIGINT and SIGTERM reach the command with their
// default action. A process started with a signal ignored (a background job
// of a non-interactive shell, nohup) passes that on to what it starts, and
// a command would then shrug off its second signal; a signal this process
// handles is reset to the default in what it starts. It returns the
// function that ignores them again.
func keepSignalsDefault() (restore func()) {
	caught := make(chan os.Signal, 1)
	for _, sig := range []os.Signal{syscall.SIGINT, syscall.SIGTERM} {
		if signal.Ignored(sig) {
			signal.Notify(caught, sig)
		}
	}
	return func() { signal.Stop(caught) }
}

// lineWriter sends what is written to it down lines, a line at a time,
// dropping lines that nobody reads.
type lineWriter struct {
	lines   chan<- string
	partial []byte
}

func (w *lineWriter) Write(p []byte) (int, error) {
	w.partial = append(w.partial, p...)
	for {
		line, rest, ok := bytes.Cut(w.partial, []byte("\n"))
		if !ok {
			return len(p), nil
		}
		select {
		case w.lines <- string(line):
		default:
		}
		w.partial = rest
	}
}

// firstLine returns the first line of out that says something: not blank,
// not a rule of '='s as the race detector draws.
func firstLine(out []byte) string {
	for line := range strings.Lines(string(out)) {
		if line = strings.TrimSpace(line); strings.Trim(line, "=") != "" {
			return line
		}
	}
	return ""
}
