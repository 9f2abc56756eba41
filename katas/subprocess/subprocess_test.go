package subprocess

import (
	"testing"

	"github.com/conckata/conckata/internal/conformance/subprocesstest"
	"github.com/conckata/conckata/internal/harness"
)

// This file is the same in katas/subprocess and solutions/subprocess: both
// run the one conformance suite. Read it in
// internal/conformance/subprocesstest. The console program that the suite
// converses with is this test binary, started again in the harness's helper
// role: TestMain runs it instead of the tests.

func TestMain(m *testing.M) { harness.Main(m) }

func TestSubprocess(t *testing.T) {
	subprocesstest.Run(t, subprocesstest.Impl{Converse: Converse})
}
