package lock

import (
	"testing"

	"github.com/conckata/conckata/internal/conformance/locktest"
	"github.com/conckata/conckata/internal/harness"
)

// This file is the same in katas/lock and solutions/lock: both run the one
// conformance suite. Read it in internal/conformance/locktest.

func TestMain(m *testing.M) { harness.Main(m) }

func TestLock(t *testing.T) {
	locktest.Run(t, locktest.Impl{
		New: func() locktest.Mutex { return new(Mutex) },
	})
}
