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
	// head is nil until the first Add, then set once and never changed. It
	// points at the first of 1+n cells made together: the head, which holds
	// only mask (n-1) and is never written after it is published, then the
	// n shards. Load and Add find the shards at fixed offsets from it.
	head atomic.Pointer[cell]
}

// cell is one shard, alone on its cache line. The padding covers two 64-byte
// lines, because x86 processors fetch lines in adjacent pairs. The head cell
// keeps mask in n, and is read-only once published, so that its line stays in
// every core's cache: sharing a line with a shard that is written, as the
// mask would in the shard's padding, made every Add miss.
type cell struct {
	n atomic.Int64
	_ [128 - 8]byte
}

const cellSize = unsafe.Sizeof(cell{})

// shard returns the i-th shard after head; i must not exceed the head's mask.
//
// The shards are reached from head by arithmetic, not through a slice or a
// struct holding one, so that a Load loads the counter's head and then the
// shards, with the head's mask read alongside them: as few dependent loads as
// xsync.Counter, whose constructor makes its stripes in advance where the
// zero value of Sharded cannot. Through a struct holding the slice, Load was
// 8-58% slower at -cpu 2 to 8; through unsafe.Slice, its checks cost more
// than the load they saved.
//
// Their number is a power of two, so that any route, masked, picks one in
// range whatever GOMAXPROCS is now (puzpuzpuz/xsync#74 took it modulo the
// current GOMAXPROCS instead).
func shard(head *cell, i uint32) *cell {
	return (*cell)(unsafe.Add(unsafe.Pointer(head), uintptr(i+1)*cellSize))
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
	head := c.head.Load()
	if head == nil {
		head = c.makeShards()
	}
	h := stackHash()
	route := &routes[h%uint32(len(routes))]
	if !tryAdd(head, route, h, delta) {
		addContended(head, route, h, delta)
	}
}

// tryAdd adds delta to the shard that route and h pick, with one
// compare-and-swap, and reports whether it succeeded. h>>16 starts goroutines
// at different shards before any contention.
func tryAdd(head *cell, route *atomic.Uint32, h uint32, delta int64) bool {
	sh := shard(head, (route.Load()+h>>16)&uint32(head.n.Load()))
	n := sh.n.Load()
	return sh.n.CompareAndSwap(n, n+delta)
}

// addContended is Add after a compare-and-swap failed: another goroutine
// added to the same shard at that moment, so it moves this goroutine's route
// at random until one succeeds. It is outlined so that Add, which seldom
// retries, keeps its values in registers instead of saving them around the
// call to rand.Uint32 (an Add at -cpu 1 took 8.0 ns with the loop inline,
// against 7.1 ns for the same Add reaching its shard through a slice).
func addContended(head *cell, route *atomic.Uint32, h uint32, delta int64) {
	for {
		route.Store(rand.Uint32())
		if tryAdd(head, route, h, delta) {
			return
		}
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
	head := c.head.Load()
	if head == nil {
		return 0
	}
	var sum int64
	for i, n := uint32(0), uint32(head.n.Load())+1; i < n; i++ {
		sum += shard(head, i).n.Load()
	}
	return sum
}

// makeShards makes the shards on first use. When several goroutines race to
// make them, the first to store its shards wins and the others use those.
func (c *Sharded) makeShards() *cell {
	procs := uint(min(runtime.GOMAXPROCS(0), runtime.NumCPU()))
	n := 1 << bits.Len(procs-1) // the next power of two
	cells := make([]cell, 1+n)
	head := &cells[0]
	head.n.Store(int64(n - 1))
	if c.head.CompareAndSwap(nil, head) {
		return head
	}
	return c.head.Load()
}
