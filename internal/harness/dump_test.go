package harness

import (
	"strings"
	"testing"
)

// A goleak report, as a failing test prints it, of a goroutine of the code
// under test and one of the suite's.
const leakReport = `    harness.go:12: found unexpected goroutines:
        [Goroutine 9 in state chan receive, 2 minutes, with github.com/conckata/conckata/katas/event.(*Event).Wait.func1 on top of the stack:
        github.com/conckata/conckata/katas/event.(*Event).Wait.func1()
        	/m/katas/event/event.go:85 +0x33
        created by github.com/conckata/conckata/katas/event.(*Event).Wait in goroutine 7
        	/m/katas/event/event.go:84 +0x35
         Goroutine 10 in state select (durable), with github.com/conckata/conckata/internal/bubble.Start.func1 on top of the stack:
        github.com/conckata/conckata/internal/bubble.Start.func1()
        	/m/internal/bubble/bubble.go:35 +0x33
        ]`

func TestParseDumpReadsGoleak(t *testing.T) {
	dump := parseDump(strings.Split(leakReport, "\n"))
	if len(dump) != 2 {
		t.Fatalf("parseDump found %d goroutines, want 2: %+v", len(dump), dump)
	}
	if dump[0].state != "chan receive" || dump[1].state != "select" {
		t.Errorf("states = %q, %q; want chan receive, select", dump[0].state, dump[1].state)
	}
	want := frame{fn: "github.com/conckata/conckata/katas/event.(*Event).Wait.func1", file: "/m/katas/event/event.go", line: "85"}
	if len(dump[0].frames) != 1 || dump[0].frames[0] != want {
		t.Errorf("frames = %+v, want only %+v (not the created-by line)", dump[0].frames, want)
	}
	if _, ok := dump[1].site(); ok {
		t.Error("a goroutine waiting in internal/bubble has a site in the code under test")
	}
}

func TestFrameOwners(t *testing.T) {
	cases := []struct {
		fn, file string
		want     owner
	}{
		{"sync.(*Mutex).Lock", "/go/src/sync/mutex.go", ownerRuntime},
		{"main.main", "_testmain.go", ownerRuntime},
		{"github.com/conckata/conckata/internal/conformance/eventtest.zeroValueIsUnset.func1", "/m/internal/conformance/eventtest/releases.go", ownerHarness},
		{"github.com/conckata/conckata/internal/conformance/eventtest.(*buggy).Set", "/m/internal/conformance/eventtest/mutants_test.go", ownerImplementation},
		{"github.com/conckata/conckata/katas/event.TestEvent", "/m/katas/event/event_test.go", ownerHarness},
		{"github.com/conckata/conckata/katas/event.(*Event).Set", "/m/katas/event/event.go", ownerImplementation},
		{"golang.org/x/sync/semaphore.(*Weighted).Acquire", "/mod/golang.org/x/sync/semaphore/semaphore.go", ownerImplementation},
		{"pgregory.net/rapid.Check", "/mod/pgregory.net/rapid/engine.go", ownerHarness},
	}
	for _, c := range cases {
		if got := (frame{fn: c.fn, file: c.file}).owner(); got != c.want {
			t.Errorf("owner of %s = %d, want %d", c.fn, got, c.want)
		}
	}
}

func TestFuncName(t *testing.T) {
	for fn, want := range map[string]string{
		"github.com/conckata/conckata/katas/event.(*Event).Set":             "Set",
		"github.com/conckata/conckata/katas/event.(*Event).Wait.func1":      "Wait.func1",
		"github.com/conckata/conckata/katas/task.Go[...]":                   "Go[...]",
		"github.com/conckata/conckata/internal/harness.(*leaks).Inc":        "Inc",
		"github.com/conckata/conckata/katas/gather.Gather.func2":            "Gather.func2",
		withoutArgs("github.com/conckata/conckata/katas/lock.f(0xc0, ...)"): "f",
	} {
		if got := funcName(fn); got != want {
			t.Errorf("funcName(%q) = %q, want %q", fn, got, want)
		}
	}
}

func TestWaitWords(t *testing.T) {
	for state, want := range map[string]string{
		"sync.Mutex.Lock":     "waits for a sync.Mutex already held",
		"sync.WaitGroup.Wait": "waits for a sync.WaitGroup that never gets back to zero",
		"chan receive":        "waits to receive from a channel",
		"select":              "waits in a select",
		"GC weak to strong":   "waits (GC weak to strong)",
	} {
		if got, _ := wait(state); !strings.HasPrefix(got, want) {
			t.Errorf("wait(%q) = %q, want it to start with %q", state, got, want)
		}
	}
}
