// Package counter provides three race-free int64 counters, from the simplest
// to the fastest under contention: the Go forms of Python's
// multiprocessing.Value with its lock.
//
// Mutex guards a plain int64 with a sync.Mutex, as the Python original does;
// Atomic makes each Add one atomic instruction; Sharded spreads the Adds of
// different processors over cache lines of their own, so that they do not
// contend, and sums the shards in Load.
package counter

import (
	"sync"
	"sync/atomic"
)

// A Mutex counter is an int64 guarded by a sync.Mutex: the direct form of a
// shared value with a lock.
//
// The zero value is a counter at 0, ready to use. A Mutex counter must not be
// copied after first use. An Add "happens before" every Load that sees it.
type Mutex struct {
	mu sync.Mutex // protects n
	n  int64
}

// Add adds delta, which may be negative, to the counter.
func (c *Mutex) Add(delta int64) {
	c.mu.Lock()
	c.n += delta
	c.mu.Unlock()
}

// Load returns the counter's value: the sum of every Add that happened before
// it, and of some of those running concurrently.
func (c *Mutex) Load() int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n
}

// An Atomic counter is an int64 updated with atomic instructions. Every Add
// still writes the same cache line, so under contention the processors take
// turns owning it.
//
// The zero value is a counter at 0, ready to use. An Atomic counter must not
// be copied after first use. An Add "happens before" every Load that sees it.
type Atomic struct {
	n atomic.Int64
}

// Add adds delta, which may be negative, to the counter.
func (c *Atomic) Add(delta int64) { c.n.Add(delta) }

// Load returns the counter's value: the sum of every Add that happened before
// it, and of some of those running concurrently.
func (c *Atomic) Load() int64 { return c.n.Load() }
