//go:build unix

package harness

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The helpers of this test binary: what a service kata's properties start.
var (
	// sleeper prints its pid, then sleeps: a grandchild left running.
	sleeper = NewHelper("sleeper", func([]string) int {
		fmt.Println(os.Getpid())
		time.Sleep(time.Hour)
		return 0
	})
	// panicker panics, writing "panic: helper boom" where its stderr goes.
	panicker = NewHelper("panicker", func([]string) int { panic("helper boom") })
	// environ prints its environment's KATA_ variables and its args.
	environ = NewHelper("environ", func(args []string) int {
		for _, kv := range os.Environ() {
			if strings.HasPrefix(kv, "KATA_") {
				fmt.Println(kv)
			}
		}
		fmt.Println("args", strings.Join(args, " "))
		return 0
	})
)

// services is a suite whose properties start processes, and break.
var services = &Suite[struct{}]{
	Kata:      "services",
	HangLimit: time.Second,
	Properties: []Property[struct{}]{
		{Name: "grandchild-hangs", Expect: "nothing: it hangs", Check: func(t *testing.T, _ struct{}) {
			cmd := sleeper.Command(t.Context())
			out, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			pid, _ := bufio.NewReader(out).ReadString('\n')
			fmt.Print("grandchild ", pid) // on the property's own output
			<-blockForever
		}},
		{Name: "helper-panics", Expect: "the helper exits 0", Check: func(t *testing.T, _ struct{}) {
			cmd := panicker.Command(t.Context())
			cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr // what a careless kata does
			if err := cmd.Run(); err != nil {
				t.Errorf("the helper failed: %v", err)
			}
		}},
		{Name: "killed-by-signal", Expect: "nothing: it kills itself", Check: func(t *testing.T, _ struct{}) {
			_ = syscall.Kill(os.Getpid(), syscall.SIGKILL)
			<-blockForever
		}},
		{Name: "markers-stay-home", Expect: "no marker reaches a helper", Check: func(t *testing.T, _ struct{}) {
			if v := os.Getenv(propertyEnv); v != "" {
				t.Errorf("the property's process still has %s=%s", propertyEnv, v)
			}
			out, err := environ.Command(t.Context(), "-a", "b").Output()
			if err != nil {
				t.Fatal(err)
			}
			for _, marker := range []string{propertyEnv + "=", helperEnv + "="} {
				if bytes.Contains(out, []byte(marker)) {
					t.Errorf("the helper's environment has %s:\n%s", marker, out)
				}
			}
			if !bytes.Contains(out, []byte("args -a b\n")) {
				t.Errorf("the helper did not get its args:\n%s", out)
			}
		}},
		{Name: "stray-binary-refuses", Expect: "the test binary, started without a role, exits 2", Check: func(t *testing.T, _ struct{}) {
			out, err := exec.CommandContext(t.Context(), self(), "-test.run=^TestServices$").CombinedOutput()
			var exit *exec.ExitError
			if !errors.As(err, &exit) || exit.ExitCode() != 2 || !bytes.Contains(out, []byte("without a helper role")) {
				t.Errorf("the test binary started from a property: err = %v, output:\n%s\nwant exit status 2 and a refusal", err, out)
			}
		}},
	},
}

func TestServices(t *testing.T) {
	cases := []struct {
		property string
		check    func(t *testing.T, o Outcome)
	}{
		{"grandchild-hangs", func(t *testing.T, o Outcome) {
			if !strings.HasPrefix(o.Got, "no progress for 1s") {
				t.Errorf("Got = %q, want a hang", o.Got)
			}
			pid, err := strconv.Atoi(strings.TrimSpace(strings.TrimPrefix(o.Printed, "grandchild ")))
			if err != nil {
				t.Fatalf("the property printed %q, want its grandchild's pid", o.Printed)
			}
			if !gone(pid) {
				t.Errorf("the grandchild, pid %d, still runs after the property's hang", pid)
				_ = syscall.Kill(pid, syscall.SIGKILL)
			}
		}},
		{"helper-panics", func(t *testing.T, o Outcome) {
			if want := "the helper failed: exit status 2"; o.Got != want {
				t.Errorf("Got = %q, want %q: the helper's panic is not the property's", o.Got, want)
			}
			if !strings.Contains(o.Printed, "panic: helper boom") || !strings.Contains(o.Detail, "panic: helper boom") {
				t.Errorf("Printed = %q, Detail = %q: want the helper's panic shown apart", o.Printed, o.Detail)
			}
		}},
		{"killed-by-signal", func(t *testing.T, o Outcome) {
			if !strings.HasPrefix(o.Got, "the property's process was killed by signal SIGKILL") {
				t.Errorf("Got = %q, want the signal named", o.Got)
			}
		}},
		{"markers-stay-home", passes},
		{"stray-binary-refuses", passes},
	}
	for _, c := range cases {
		t.Run(c.property, func(t *testing.T) {
			if inChild() {
				services.run(t, struct{}{}, nil)
				return
			}
			t.Parallel()
			c.check(t, runChild(t.Name()+"/"+c.property, hangLimit(services.HangLimit)))
		})
	}
}

func passes(t *testing.T, o Outcome) {
	if !o.Passed {
		t.Errorf("Got = %q, want a pass\ndetail:\n%s", o.Got, o.Detail)
	}
}

// gone reports whether process pid has ended within a few seconds: SIGKILL
// is delivered at once, but a process takes a moment to be torn down. A
// zombie has ended; only its parent's wait is missing.
func gone(pid int) bool {
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if err := syscall.Kill(pid, 0); errors.Is(err, syscall.ESRCH) {
			return true
		}
		if stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid)); err == nil {
			if _, rest, ok := bytes.Cut(stat, []byte(") ")); ok && bytes.HasPrefix(rest, []byte("Z")) {
				return true
			}
		}
	}
	return false
}
