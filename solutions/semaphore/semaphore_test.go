package semaphore

import (
	"testing"

	"github.com/conckata/conckata/internal/conformance/semaphoretest"
	"github.com/conckata/conckata/internal/harness"
)

// This file is the same in katas/semaphore and solutions/semaphore: both run
// the one conformance suite. Read it in internal/conformance/semaphoretest.

func TestMain(m *testing.M) { harness.Main(m) }

func TestSemaphore(t *testing.T) {
	semaphoretest.Run(t, semaphoretest.Impl{
		New:         func(n int) semaphoretest.Semaphore { return New(n) },
		ErrTooLarge: ErrTooLarge,
	})
}
