package harness

import (
	"flag"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"testing"

	"go.uber.org/goleak"
)

// A test binary of the project plays one of four roles, told by the markers
// in its environment. The markers are taken out of the environment as the
// binary starts, so that no process a property starts inherits them: a
// process started from the test binary runs as a helper only when its
// command says so (Helper.Command), and never as a property or the suite.
const (
	// propertyEnv marks a test binary started by runChild: in it, a
	// property's subtest checks the property itself instead of starting
	// another child. Its value is the file for the property's own output.
	propertyEnv = "KATA_PROPERTY"
	// helperEnv marks a test binary started by Helper.Command; its value is
	// the helper's name.
	helperEnv = "KATA_HELPER"
	// insideEnv is left by a property's process for all that it starts, so
	// that a test binary started from a property without a helper role
	// refuses to run a suite of its own.
	insideEnv = "KATA_INSIDE_PROPERTY"
	// hangEnv is the user's hang limit, a time.Duration: it overrides every
	// suite's HangLimit.
	hangEnv = "KATA_HANG_LIMIT"
)

// roleKind is what a test binary was started to do.
type roleKind int

const (
	roleSuite    roleKind = iota // run the tests, a child process per property (go test)
	roleProperty                 // check one property (runChild)
	roleHelper                   // run one helper (Helper.Command)
	roleStray                    // started from a property without a helper role
)

// role is this binary's role, and the value of its marker.
var role = takeRole()

type startedAs struct {
	kind  roleKind
	value string
}

// takeRole reads the markers and takes them out of the environment.
func takeRole() startedAs {
	property, isProperty := os.LookupEnv(propertyEnv)
	helper, isHelper := os.LookupEnv(helperEnv)
	_, inside := os.LookupEnv(insideEnv)
	os.Unsetenv(propertyEnv)
	os.Unsetenv(helperEnv)
	switch {
	case isHelper:
		return startedAs{roleHelper, helper}
	case isProperty:
		os.Setenv(insideEnv, "1")
		return startedAs{roleProperty, property}
	case inside:
		return startedAs{kind: roleStray}
	}
	return startedAs{kind: roleSuite}
}

func inChild() bool { return role.kind == roleProperty }

// Main runs a test package's tests, then fails if goroutines are left
// running. Every test package of the project calls it from TestMain.
//
// Started by Helper.Command, the binary runs that helper instead, and exits
// with its status. Started by a property without a helper role, it exits at
// once with status 2, rather than run the suite again from inside it.
func Main(m *testing.M) {
	switch role.kind {
	case roleHelper:
		os.Exit(runHelper(role.value, os.Args[1:]))
	case roleStray:
		fmt.Fprintf(os.Stderr, "harness: %s was started by a property without a helper role; start helpers with harness.Helper's Command\n", os.Args[0])
		os.Exit(2)
	case roleProperty:
		// checkInChild has checked for leaks after the property; a check
		// at exit would write to the property's own output (ownOutput).
		os.Exit(m.Run())
	case roleSuite:
		letPropertiesWaitTogether()
	}
	goleak.VerifyTestMain(m)
}

// childSlots is how many children may use the CPU at once: the run's
// -test.parallel, GOMAXPROCS by default. It is read once, by Main or by the
// first child.
var childSlots = 0

// letPropertiesWaitTogether lets every property's subtest wait for its
// child at once. -test.parallel bounds the parallel subtests that run, but a
// property's subtest only waits for its child, and a child that stands still
// (a deadlock, until its hang limit) costs no CPU: bounded by -test.parallel,
// eleven deadlocked properties on two CPUs would wait in six rounds. So the
// harness bounds the children that use the CPU itself, at the -test.parallel
// this run was given (runChild), and raises the flag for the subtests, unless
// it was set explicitly.
func letPropertiesWaitTogether() {
	if !flag.Parsed() {
		flag.Parse()
	}
	f := flag.Lookup("test.parallel")
	if f == nil {
		return
	}
	childSlots, _ = strconv.Atoi(f.Value.String())
	explicit := false
	flag.Visit(func(f *flag.Flag) { explicit = explicit || f.Name == "test.parallel" })
	if !explicit {
		_ = f.Value.Set(strconv.Itoa(max(256, 64*runtime.GOMAXPROCS(0))))
	}
}
