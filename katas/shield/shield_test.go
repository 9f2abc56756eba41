package shield

import (
	"testing"

	"github.com/conckata/conckata/internal/conformance/shieldtest"
	"github.com/conckata/conckata/internal/harness"
)

// This file is the same in katas/shield and solutions/shield: both run the
// one conformance suite, on tasks of solutions/task at T = int. Read it in
// internal/conformance/shieldtest.

func TestMain(m *testing.M) { harness.Main(m) }

func TestShield(t *testing.T) {
	shieldtest.Run(t, shieldtest.Impl{Shield: Shield[int], Detach: Detach})
}
