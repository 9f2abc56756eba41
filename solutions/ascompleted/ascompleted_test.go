package ascompleted

import (
	"testing"

	"github.com/conckata/conckata/internal/conformance/ascompletedtest"
	"github.com/conckata/conckata/internal/harness"
)

// This file is the same in katas/ascompleted and solutions/ascompleted: both
// run the one conformance suite. Read it in internal/conformance/ascompletedtest.

func TestMain(m *testing.M) { harness.Main(m) }

func TestAsCompleted(t *testing.T) {
	ascompletedtest.Run(t, ascompletedtest.Impl{AsCompleted: AsCompleted[int]})
}
