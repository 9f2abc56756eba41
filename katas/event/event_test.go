package event

import (
	"testing"

	"github.com/conckata/conckata/internal/conformance/eventtest"
	"github.com/conckata/conckata/internal/harness"
)

// This file is the same in katas/event and solutions/event: both run the one
// conformance suite. Read it in internal/conformance/eventtest.

func TestMain(m *testing.M) { harness.Main(m) }

func TestEvent(t *testing.T) {
	eventtest.Run(t, eventtest.Impl{
		New: func() eventtest.Event { return new(Event) }, // the zero value
	})
}
