// Package counter provides three race-free int64 counters, from the simplest
// to the fastest under contention: the Go forms of Python's
// multiprocessing.Value with its lock.
//
// Mutex guards a plain int64 with a sync.Mutex, as the Python original does;
// Atomic makes each Add one atomic instruction; Sharded spreads the Adds of
// different processors over cache lines of their own, so that they do not
// contend, and sums the shards in Load.
//
// This is the kata: make `go run ./cmd/kata test counter` pass.
// The properties are explained in docs/katas/counter.md.
//
// The three counters below start as the same plain `n += delta`, which works
// with one goroutine and races with two: run the tests to meet the race
// detector, then make each type race-free in its own way.
package counter

// A Mutex counter is an int64 guarded by a sync.Mutex: the direct form of a
// shared value with a lock.
//
// The zero value is a counter at 0, ready to use. A Mutex counter must not be
// copied after first use. An Add "happens before" every Load that sees it.
type Mutex struct {
	// Your fields here. State each invariant once, above the fields it guards.
	n int64
}

// Add adds delta, which may be negative, to the counter.
func (c *Mutex) Add(delta int64) { c.n += delta }

// Load returns the counter's value: the sum of every Add that happened before
// it, and of some of those running concurrently.
func (c *Mutex) Load() int64 { return c.n }

// An Atomic counter is an int64 updated with atomic instructions. Every Add
// still writes the same cache line, so under contention the processors take
// turns owning it.
//
// The zero value is a counter at 0, ready to use. An Atomic counter must not
// be copied after first use. An Add "happens before" every Load that sees it.
type Atomic struct {
	// Your fields here.
	n int64
}

// Add adds delta, which may be negative, to the counter.
func (c *Atomic) Add(delta int64) { c.n += delta }

// Load returns the counter's value: the sum of every Add that happened before
// it, and of some of those running concurrently.
func (c *Atomic) Load() int64 { return c.n }

// A Sharded counter spreads its value over shards, one cache line each, so
// that goroutines running at once add, for the most part, to different lines
// and do not take turns owning one. Load sums the shards, so it costs one
// atomic load per shard: Sharded suits counters that are added to far more
// often than they are read.
//
// The zero value is a counter at 0, ready to use: the shards are made at
// first use, as many as there are processors then (GOMAXPROCS, at most the
// number of CPUs), and stay as many when GOMAXPROCS changes later. A Sharded
// counter must not be copied after first use. An Add "happens before" every
// Load that sees it.
type Sharded struct {
	// Your fields here. State each invariant once, above the fields it guards.
	n int64
}

// Add adds delta, which may be negative, to the counter.
func (c *Sharded) Add(delta int64) { c.n += delta }

// Load returns the counter's value: the sum of every Add that happened before
// it, and of some of those running concurrently. As each shard only grows
// when the deltas are not negative, so does the sum of successive Loads.
func (c *Sharded) Load() int64 { return c.n }
