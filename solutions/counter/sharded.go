package counter

import (
	"math/bits"
	"math/rand/v2"
	"runtime"
	"sync/atomic"
	"unsafe"
)

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
	// shards is nil until the first Add, then set once and never changed.
	shards atomic.Pointer[shardSet]
}

// shardSet is the shards of one counter. Their number is a power of two, so
// that any route, masked, picks one in range whatever GOMAXPROCS is now
// (puzpuzpuz/xsync#74 took it modulo the current GOMAXPROCS instead).
//
// Every Add and Load reads the set, so it fills two cache lines of its own:
// unpadded, it is a 32-byte object that shares a line with whatever the
// allocator puts next to it, and a neighbour written often makes every Load
// miss (a Load benchmark at -cpu 2 ran at 3 ns or at 8 ns by chance).
type shardSet struct {
	cells []cell
	mask  uint32
	_     [128 - 32]byte
}

// cell is one shard, alone on its cache line. The padding covers two 64-byte
// lines, because x86 processors fetch lines in adjacent pairs.
type cell struct {
	n atomic.Int64
	_ [128 - 8]byte
}

// routes maps a goroutine, by a hash of its stack's address, to an offset
// that picks its shard in every Sharded counter. A goroutine whose
// compare-and-swap fails, because another one added to the same shard at that
// moment, moves its offset at random, so the busy goroutines spread out.
// xsync.Counter keeps such hints in a sync.Pool, one per processor; the hash
// costs less than the Pool's Get and Put on every Add.
//
// The table is shared by all counters, since it describes goroutines, not
// counters, and it is large so that two goroutines running at once rarely
// share an entry: those that do share an offset too, and would take turns
// owning one cache line for as long as they run.
var routes [1 << 12]atomic.Uint32

// Add adds delta, which may be negative, to the counter.
func (c *Sharded) Add(delta int64) {
	s := c.shards.Load()
	if s == nil {
		s = c.makeShards()
	}
	h := stackHash()
	route := &routes[h%uint32(len(routes))]
	for {
		// h>>16 starts goroutines at different shards before any contention.
		cell := &s.cells[(route.Load()+h>>16)&s.mask]
		n := cell.n.Load()
		if cell.n.CompareAndSwap(n, n+delta) {
			return
		}
		route.Store(rand.Uint32()) // contended: move this goroutine elsewhere
	}
}

// stackHash returns a number that tells goroutines apart: a hash of the
// address of the caller's stack, which no other goroutine shares. A stack
// starts at 2 KiB, aligned to its size, so the address shifted right by 11
// bits differs between any two goroutines (a shift by 13, for 8 KiB, gave
// up to four goroutines the same hash: they then contended on one shard for
// good, and a benchmark at -cpu 2 ran at 3 ns or at 17 ns by chance). Stacks
// move when they grow, and so does the hash: it only needs to stay the same
// for a while.
func stackHash() uint32 {
	var local byte
	return uint32(stackKey(unsafe.Pointer(&local)) * 0x9E3779B97F4A7C15 >> 32)
}

// stackKey is the number of the 2 KiB block that holds p, an address on the
// caller's stack: no two goroutines' stacks share a block.
func stackKey(p unsafe.Pointer) uint64 { return uint64(uintptr(p) >> 11) }

// Load returns the counter's value: the sum of every Add that happened before
// it, and of some of those running concurrently. As each shard only grows
// when the deltas are not negative, so does the sum of successive Loads.
func (c *Sharded) Load() int64 {
	s := c.shards.Load()
	if s == nil {
		return 0
	}
	var sum int64
	cells := s.cells
	for i := range cells {
		sum += cells[i].n.Load()
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
