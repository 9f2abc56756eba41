//go:build !unix

package harness

import (
	"os/exec"
	"time"
)

// Without process groups, a child is killed alone, and what it started is
// left to end by itself.

func isolate(cmd *exec.Cmd) {}

func killGroup(cmd *exec.Cmd) error { return nil }

func killedBy(err error) (string, bool) { return "", false }

// cpuTime is unknown here: the watch looks at the goroutines every tick.
func cpuTime() time.Duration { return 0 }
