package harness

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// togetherEnv tells the children of TestStandingStillGivesUpTheSlot where to
// meet, and how many they are: "DIR|N".
const togetherEnv = "KATA_TEST_TOGETHER"

// TestStandingStillGivesUpTheSlot runs more properties than there are slots
// for children that use the CPU, each of which passes only once all of them
// are running at the same time: a child that waits gives its slot up, so
// that deadlocked properties do not wait for their hang limits in rounds.
func TestStandingStillGivesUpTheSlot(t *testing.T) {
	if !inChild() {
		t.Setenv(togetherEnv, t.TempDir()+"|"+strconv.Itoa(cap(slots())+2))
	}
	dir, n, _ := strings.Cut(os.Getenv(togetherEnv), "|")
	count, err := strconv.Atoi(n)
	if err != nil {
		t.Fatalf("%s=%q", togetherEnv, os.Getenv(togetherEnv))
	}
	suite := &Suite[string]{Kata: "together", HangLimit: time.Minute}
	for i := range count {
		suite.Properties = append(suite.Properties, Property[string]{
			Name:   fmt.Sprintf("together-%d", i),
			Expect: "every property runs at once",
			Check:  func(t *testing.T, dir string) { meet(t, dir, i, count) },
		})
	}
	suite.Run(t, dir)
}

// meet leaves a mark in dir for property i, then waits until all count
// properties have left theirs.
func meet(t *testing.T, dir string, i, count int) {
	if err := os.WriteFile(filepath.Join(dir, strconv.Itoa(i)), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if marks, _ := os.ReadDir(dir); len(marks) == count {
			return
		}
	}
	marks, _ := os.ReadDir(dir)
	t.Errorf("only %d of %d properties ran at once", len(marks), count)
}
