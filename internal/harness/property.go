package harness

import (
	"fmt"
	"os"
	"sync"
	"testing"
	"time"

	"go.uber.org/goleak"
)

// A property's process tells its parent about itself in lines that start
// with announcement, written to the process's own standard output, where
// nothing the property starts can write (see ownOutput).
const (
	announcement = "kata harness: "
	// checkingLine, followed by the subtest's name, says the child reached
	// the property.
	checkingLine = "checking "
	// idleLine says the child stands still: its slot may go to another.
	idleLine = "idle"
	// stillLine, followed by every goroutine's stack, says the child stood
	// still for its hang limit, and ends it.
	stillLine = "no progress"
	// busyLine, followed by every goroutine's stack, says the child ran too
	// long without standing still, and ends it.
	busyLine = "still running"
)

// harnessOutput is the property process's own standard output, kept before
// ownOutput takes os.Stdout for the property.
var harnessOutput = os.Stdout

// announce writes one of the harness's lines to the parent.
func announce(line string) {
	fmt.Fprintln(harnessOutput, announcement+line)
}

// checkInChild runs one property in this (child) process, then checks that
// the property left no goroutine running, unless it already failed. While it
// runs, a watch ends the process if the property stands still for limit.
func checkInChild[I any](t *testing.T, p Property[I], impl I, limit time.Duration) {
	announce(checkingLine + t.Name())
	ownOutput()
	stop := watch(limit, busyLimits*limit)
	ignore := goleak.IgnoreCurrent()
	completed := false
	defer func() {
		stop()
		switch {
		case completed && !t.Failed():
			goleak.VerifyNone(t, ignore)
		case t.Failed():
			// A failed property (one that returned, or stopped by FailNow as
			// rapid does; not one that panics, whose crash names its site) may
			// have left goroutines blocked: a rapid case whose synctest bubble
			// deadlocked says only that some remain. Name them, for the
			// verdict (leftBlocked) and -v.
			if err := goleak.Find(ignore); err != nil {
				t.Log(err)
			}
			runAtFailure()
		}
	}()
	p.Check(t, impl)
	completed = true
}

// ownOutput gives the property os.Stdout and os.Stderr of its own: the file
// that its parent named in the property marker. What the property prints,
// and what the processes it starts print where it sends them (a helper given
// os.Stderr), lands there, apart from the testing package's report and the
// runtime's crashes, which the parent reads for the verdict. The testing
// package took os.Stdout for its report when the tests began, so only what
// runs from here on sees the new files.
var ownOutput = sync.OnceFunc(func() {
	if role.value == "" {
		return
	}
	f, err := os.OpenFile(role.value, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		announce("cannot open the file for the property's output: " + err.Error())
		return
	}
	os.Stdout, os.Stderr = f, f
})
