package counter

import (
	"testing"

	"github.com/conckata/conckata/internal/conformance/countertest"
	"github.com/conckata/conckata/internal/harness"
)

// This file is the same in katas/counter and solutions/counter: both run the
// one conformance suite. Read it in internal/conformance/countertest.

func TestMain(m *testing.M) { harness.Main(m) }

func TestCounter(t *testing.T) {
	countertest.Run(t, countertest.Impl{Types: []countertest.Type{ // each a zero value
		{Name: "Mutex", New: func() countertest.Counter { return new(Mutex) }},
		{Name: "Atomic", New: func() countertest.Counter { return new(Atomic) }},
		{Name: "Sharded", New: func() countertest.Counter { return new(Sharded) }},
	}})
}
