package breaker

import (
	"testing"

	"github.com/conckata/conckata/internal/conformance/breakertest"
	"github.com/conckata/conckata/internal/harness"
)

// This file is the same in katas/breaker and solutions/breaker: both run the
// one conformance suite. Read it in internal/conformance/breakertest.

func TestMain(m *testing.M) { harness.Main(m) }

func TestBreaker(t *testing.T) {
	breakertest.Run(t, breakertest.Impl{
		New:                func(s breakertest.Settings) breakertest.Breaker { return breakertest.Adapt(New(Settings(s))) },
		String:             func(s breakertest.State) string { return State(s).String() },
		ErrOpen:            ErrOpen,
		ErrTooManyRequests: ErrTooManyRequests,
	})
}
