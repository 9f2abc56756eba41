package executor

import (
	"testing"

	"github.com/conckata/conckata/internal/conformance/executortest"
	"github.com/conckata/conckata/internal/harness"
)

// This file is the same in katas/executor and solutions/executor: both run
// the one conformance suite. Read it in internal/conformance/executortest.

func TestMain(m *testing.M) { harness.Main(m) }

func TestExecutor(t *testing.T) {
	executortest.Run(t, executortest.Impl{
		Map:    Map[int, int],
		Stream: Stream[int, int],
	})
}
