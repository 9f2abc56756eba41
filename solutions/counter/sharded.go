package counter

import (
	"math/bits"
	"math/rand/v2"
	"runtime"
	"sync"
	"sync/atomic"
)

// A Sharded counter spreads its value over shards, one cache line each, so
// that goroutines on different processors add to different lines and do not
// take turns owning one. Load sums the shards, so it costs one atomic load
// per shard: Sharded suits counters that are added to far more often than
// they are read.
//
// The zero value is a counter at 0, ready to use: the shards are made at
// first use, as many as there are processors then (GOMAXPROCS, at most the
// number of CPUs), and stay as many when GOMAXPROCS changes later. A Sharded
// counter must not be copied after first use. An Add "happens before" every
// Load that sees it.
type Sharded struct {
	// shards is nil until the first Add, then set once and never changed.
	shards atomic.Pointer[shardSet]
}

// shardSet is the shards of one counter. Their number is a power of two, so
// that any hint, masked, picks one in range whatever GOMAXPROCS is now.
type shardSet struct {
	cells []cell
	mask  uint32
}

// cell is one shard, alone on its cache line. The padding covers two 64-byte
// lines, because x86 processors fetch lines in adjacent pairs.
type cell struct {
	n atomic.Int64
	_ [128 - 8]byte
}

// hint is the shard a goroutine last added to. The hints live in a sync.Pool,
// which keeps one per processor, so a goroutine gets the hint of the
// processor it runs on: goroutines on different processors use different
// shards, and a processor keeps writing to the line it already owns. Two
// processors that happen to share a shard notice it when a compare-and-swap
// fails, and the loser moves to a random shard.
type hint struct{ shard uint32 }

var hints = sync.Pool{New: func() any { return &hint{shard: rand.Uint32()} }}

// Add adds delta, which may be negative, to the counter.
func (c *Sharded) Add(delta int64) {
	s := c.shards.Load()
	if s == nil {
		s = c.makeShards()
	}
	h := hints.Get().(*hint)
	for {
		cell := &s.cells[h.shard&s.mask]
		n := cell.n.Load()
		if cell.n.CompareAndSwap(n, n+delta) {
			break
		}
		h.shard = rand.Uint32() // contended: try elsewhere, and stay there
	}
	hints.Put(h)
}

// Load returns the counter's value: the sum of every Add that happened before
// it, and of some of those running concurrently. As each shard only grows
// when the deltas are not negative, so does the sum of successive Loads.
func (c *Sharded) Load() int64 {
	s := c.shards.Load()
	if s == nil {
		return 0
	}
	var sum int64
	for i := range s.cells {
		sum += s.cells[i].n.Load()
	}
	return sum
}

// makeShards makes the shards on first use. When several goroutines race to
// make them, the first to store its shards wins and the others use those.
func (c *Sharded) makeShards() *shardSet {
	procs := uint(min(runtime.GOMAXPROCS(0), runtime.NumCPU()))
	n := uint32(1) << bits.Len(procs-1) // the next power of two
	fresh := &shardSet{cells: make([]cell, n), mask: n - 1}
	if c.shards.CompareAndSwap(nil, fresh) {
		return fresh
	}
	return c.shards.Load()
}
