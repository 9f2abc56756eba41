package harness

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"
	"time"

	"go.uber.org/goleak"
	// rapid registers its -rapid.* flags in every test binary that links it;
	// runChild passes -rapid.nofailfile, so every suite's binary must have them.
	_ "pgregory.net/rapid"
)

// childEnv marks a test binary started by runChild: in it, a property's
// subtest checks the property itself instead of starting another child.
const childEnv = "CONCKATA_PROPERTY_CHILD"

// ranMarker, followed by the subtest name, is printed by a child that reached
// the property, so that a pattern matching nothing is not taken for a pass.
const ranMarker = "conckata: checking "

// hangLimit bounds one property: a child still running after it prints every
// goroutine's stack and fails. KATA_HANG_LIMIT (a time.Duration) overrides it.
var hangLimit = func() time.Duration {
	if d, err := time.ParseDuration(os.Getenv("KATA_HANG_LIMIT")); err == nil && d > 0 {
		return d
	}
	return 20 * time.Second
}()

// mutantChildArgs keeps the search for a mutant's counterexample short: the
// verdict matters there, not the smallest example.
var mutantChildArgs = []string{"-rapid.shrinktime=1s"}

// Main runs a test package's tests, then fails if goroutines are left running.
// Every test package of the project calls it from TestMain.
func Main(m *testing.M) { goleak.VerifyTestMain(m) }

func inChild() bool { return os.Getenv(childEnv) != "" }

// checkInChild runs one property in this (child) process, then checks that the
// property left no goroutine running, unless it already failed.
func checkInChild[I any](t *testing.T, p Property[I], impl I) {
	fmt.Println(ranMarker + t.Name())
	ignore := goleak.IgnoreCurrent()
	completed := false
	defer func() {
		if completed && !t.Failed() {
			goleak.VerifyNone(t, ignore)
		}
	}()
	p.Check(t, impl)
	completed = true
}

// runChild re-runs this test binary for the one subtest called name and
// returns what became of it.
func runChild(name string, extra ...string) Outcome {
	args := []string{
		"-test.run=" + pattern(name),
		"-test.count=1",
		"-test.timeout=" + hangLimit.String(),
		"-rapid.nofailfile",
		"-rapid.shrinktime=5s",
	}
	args = append(args, passedOn(os.Args[1:])...)
	args = append(args, extra...)
	// The child's own -test.timeout ends a hang with stacks; this only guards
	// against a child that cannot even do that.
	killAfter := hangLimit + 30*time.Second
	ctx, cancel := context.WithTimeout(context.Background(), killAfter)
	defer cancel()
	cmd := exec.CommandContext(ctx, os.Args[0], args...)
	// The race runtime sleeps a second at exit so that goroutines still running
	// can report; a child fails on any goroutine left running anyway.
	cmd.Env = append(os.Environ(), childEnv+"=1", "GORACE="+os.Getenv("GORACE")+" atexit_sleep_ms=0")
	cmd.WaitDelay = 5 * time.Second
	out, err := cmd.CombinedOutput()
	if ctx.Err() != nil {
		return Outcome{Got: fmt.Sprintf("no result: the child process was killed after %v", killAfter), Detail: string(out)}
	}
	return parse(name, string(out), err)
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
