package harness

import (
	"bytes"
	"context"
	"flag"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
	// rapid registers its -rapid.* flags in every test binary that links it;
	// runChild passes -rapid.nofailfile, so every suite's binary must have them.
	_ "pgregory.net/rapid"
)

// DefaultHangLimit is the hang limit of a suite that declares none: how long
// a property may stand still before it is taken for a hang.
//
// Stillness does not depend on the machine's load, so it can be short: the
// suites' real-clock waits (a ctx timeout in a storm, a sleep in a model) are
// a second at most.
const DefaultHangLimit = 3 * time.Second

// busyLimits is how many hang limits a property may run without standing
// still before it is stopped all the same: a busy loop, or far too slow.
// The slowest reference property takes about 3 s under -race on a loaded
// machine, a tenth of the 30 s this gives by default.
const busyLimits = 10

// killGrace is how long the parent waits past a child's busy limit before it
// kills the child's process group: the watch ends the child at the limit,
// and its -test.timeout half of killGrace later, in case the watch cannot.
const killGrace = 10 * time.Second

// hangLimit returns the hang limit of a suite that declares limit (0 for
// none): KATA_HANG_LIMIT if it is set to a duration, else limit, else
// DefaultHangLimit.
func hangLimit(limit time.Duration) time.Duration {
	if d, err := time.ParseDuration(os.Getenv(hangEnv)); err == nil && d > 0 {
		return d
	}
	if limit > 0 {
		return limit
	}
	return DefaultHangLimit
}

// mutantChildArgs keeps the search for a mutant's counterexample short: the
// verdict matters there, not the smallest example.
var mutantChildArgs = []string{"-rapid.shrinktime=1s"}

// runChild re-runs this test binary for the one subtest called name, with
// the hang limit limit, and returns what became of it.
//
// The child runs in a process group of its own, with everything it starts;
// the group is killed when the child ends, or when it outlives its own
// -test.timeout. The child holds one of the childSlots while it uses the
// CPU, and gives it back as soon as it stands still (see watch).
func runChild(name string, limit time.Duration, extra ...string) Outcome {
	release := takeSlot()
	defer release()
	own, err := os.CreateTemp("", "kata-property-*.txt")
	if err != nil {
		return Outcome{Got: "nothing: the harness could not make a file for the property's output: " + err.Error()}
	}
	own.Close()
	defer os.Remove(own.Name())

	busy := busyLimits * limit
	ctx, cancel := context.WithTimeout(context.Background(), busy+killGrace)
	defer cancel()
	cmd := exec.CommandContext(ctx, self(), childArgs(name, busy, extra)...)
	cmd.Env = childEnv(own.Name(), limit)
	stream := &childStream{onIdle: release}
	cmd.Stdout, cmd.Stderr = stream, stream
	cmd.WaitDelay = 5 * time.Second
	isolate(cmd)
	runErr := cmd.Run()
	_ = killGroup(cmd) // what the property started and left running
	printed, _ := os.ReadFile(own.Name())
	return childResult{
		name:    name,
		output:  stream.buf.String(),
		printed: string(printed),
		err:     runErr,
		killed:  ctx.Err() != nil,
		ran:     stream.ran(name),
		limit:   limit,
		busy:    busy,
	}.outcome()
}

// childArgs are the child's flags: its one subtest, and the flags of this
// run that it must share.
func childArgs(name string, timeout time.Duration, extra []string) []string {
	args := []string{
		"-test.run=" + pattern(name),
		"-test.count=1",
		// The watch ends a busy property at timeout; this is in case it
		// cannot.
		"-test.timeout=" + (timeout + killGrace/2).String(),
		"-rapid.nofailfile",
		"-rapid.shrinktime=5s",
	}
	args = append(args, passedOn(os.Args[1:])...)
	return append(args, extra...)
}

// childEnv is the child's environment: this process's, the property marker
// naming the file for the property's own output, and the hang limit.
func childEnv(printed string, limit time.Duration) []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if k != propertyEnv && k != helperEnv && k != insideEnv && k != hangEnv && k != "GORACE" {
			env = append(env, kv)
		}
	}
	return append(env,
		propertyEnv+"="+printed,
		hangEnv+"="+limit.String(),
		// The race runtime sleeps a second at exit so that goroutines still
		// running can report; a child fails on any goroutine left running anyway.
		"GORACE="+os.Getenv("GORACE")+" atexit_sleep_ms=0")
}

// pattern is the -test.run expression that selects exactly the subtest name.
func pattern(name string) string {
	parts := strings.Split(name, "/")
	for i, p := range parts {
		parts[i] = "^" + regexp.QuoteMeta(p) + "$"
	}
	return strings.Join(parts, "/")
}

// passedOn picks the flags of this run that the child must share: rapid's
// (seed, checks, steps) and -test.short.
func passedOn(args []string) []string {
	var keep []string
	for _, a := range args {
		if strings.HasPrefix(a, "-rapid.") || strings.HasPrefix(a, "-test.short") {
			keep = append(keep, a)
		}
	}
	return keep
}

// slots has a token for each child that uses the CPU.
var slots = sync.OnceValue(func() chan struct{} {
	n := childSlots
	if n < 1 {
		if f := flag.Lookup("test.parallel"); f != nil {
			n, _ = strconv.Atoi(f.Value.String())
		}
	}
	return make(chan struct{}, max(n, 1))
})

// takeSlot waits for a slot, and returns the function that gives it back,
// which may be called any number of times.
func takeSlot() (release func()) {
	slots() <- struct{}{}
	return sync.OnceFunc(func() { <-slots() })
}

// childStream is a child's standard output and error. It keeps them, and
// reads the harness's lines among them as they come: the child's "checking"
// line and its "idle" line, on which it calls onIdle.
//
// os/exec writes to it from one goroutine, and runChild reads it after
// cmd.Run has returned, which waits for that goroutine.
type childStream struct {
	buf     bytes.Buffer
	partial []byte // the start of a line whose end has not come yet
	onIdle  func()
}

func (s *childStream) Write(p []byte) (int, error) {
	s.buf.Write(p)
	s.partial = append(s.partial, p...)
	for {
		i := bytes.IndexByte(s.partial, '\n')
		if i < 0 {
			return len(p), nil
		}
		if string(s.partial[:i]) == announcement+idleLine {
			s.onIdle()
		}
		s.partial = s.partial[i+1:]
	}
}

// ran reports whether the child reached the property called name, so that a
// pattern matching nothing is not taken for a pass.
func (s *childStream) ran(name string) bool {
	return strings.Contains(s.buf.String(), announcement+checkingLine+name+"\n")
}

// repeatCommand is the go test command that runs the subtest name again, in
// this package, with the race detector if this run has it and with the rapid
// seed that found the failure, if any.
func repeatCommand(name, seed string) string {
	cmd := "go test"
	if raceEnabled {
		cmd += " -race"
	}
	cmd += " -count=1 -run '" + pattern(name) + "' ./" + relative(packageDir)
	if seed != "" {
		cmd += " -rapid.seed=" + seed
	}
	return cmd
}
