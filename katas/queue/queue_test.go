package queue

import (
	"testing"

	"github.com/conckata/conckata/internal/conformance/queuetest"
	"github.com/conckata/conckata/internal/harness"
)

// This file is the same in katas/queue and solutions/queue: both run the one
// conformance suite. Read it in internal/conformance/queuetest.

func TestMain(m *testing.M) { harness.Main(m) }

func TestQueue(t *testing.T) {
	queuetest.Run(t, queuetest.Impl{
		NewFIFO:     func(n int) queuetest.Queue { return NewFIFO[int](n) },
		NewLIFO:     func(n int) queuetest.Queue { return NewLIFO[int](n) },
		NewPriority: func(n int, less func(a, b int) bool) queuetest.Queue { return NewPriority(n, less) },
		ErrEmpty:    ErrEmpty,
		ErrFull:     ErrFull,
		ErrShutdown: ErrShutdown,
	})
}
