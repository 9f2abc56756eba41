package countertest

import (
	"sync/atomic"

	"github.com/conckata/conckata/internal/harness"
	"github.com/puzpuzpuz/xsync/v4"
)

// Peers returns the counter kata's peers: the standard library's
// atomic.Int64, and xsync.Counter, a striped counter like Sharded.
func Peers() []harness.Peer[Impl] {
	return []harness.Peer[Impl]{
		{
			Name: "atomic-int64",
			Impl: Impl{Types: []Type{{Name: "atomic.Int64", New: NewAtomicInt64}}},
		},
		{
			Name: "xsync-counter",
			Impl: Impl{Types: []Type{{Name: "xsync.Counter", New: NewXsyncCounter}}},
			Skip: map[string]string{
				"zero-value-ready": "the zero xsync.Counter has no stripes and panics on Add: it must be made by NewCounter",
			},
		},
	}
}

// atomicInt64 adapts atomic.Int64, whose zero value is ready.
type atomicInt64 struct{ n atomic.Int64 }

// NewAtomicInt64 returns a zero atomic.Int64 as a Counter.
func NewAtomicInt64() Counter { return new(atomicInt64) }

func (c *atomicInt64) Add(delta int64) { c.n.Add(delta) }
func (c *atomicInt64) Load() int64     { return c.n.Load() }

// xsyncCounter adapts xsync.Counter, which names Load Value.
type xsyncCounter struct{ c *xsync.Counter }

// NewXsyncCounter returns xsync.NewCounter() as a Counter.
func NewXsyncCounter() Counter { return xsyncCounter{xsync.NewCounter()} }

func (c xsyncCounter) Add(delta int64) { c.c.Add(delta) }
func (c xsyncCounter) Load() int64     { return c.c.Value() }
