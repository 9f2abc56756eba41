package countertest

import (
	"math/rand/v2"
	"runtime"
	"sync"
	"sync/atomic"
)

// bugs switches on known bugs in the plain counters.
type bugs struct {
	plainIncrement, unlockedLoad, oneShardLoad, indexByGOMAXPROCS bool
}

// mutant returns the three plain counters, with b's bugs switched on.
func mutant(b bugs) Impl {
	return Impl{Types: []Type{
		{Name: "Mutex", New: func() Counter { return &locked{bugs: b} }},
		{Name: "Atomic", New: func() Counter { return &atomicCounter{bugs: b} }},
		{Name: "Sharded", New: func() Counter { return &randomShards{bugs: b} }},
	}}
}

// locked is an int64 under a mutex.
type locked struct {
	bugs
	mu sync.Mutex // protects n
	n  int64
}

func (c *locked) Add(delta int64) {
	c.mu.Lock()
	c.n += delta
	c.mu.Unlock()
}

func (c *locked) Load() int64 {
	if c.unlockedLoad {
		return c.n
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n
}

// atomicCounter is an atomic int64.
type atomicCounter struct {
	bugs
	n int64
}

func (c *atomicCounter) Add(delta int64) {
	if c.plainIncrement {
		c.n += delta
		return
	}
	atomic.AddInt64(&c.n, delta)
}

func (c *atomicCounter) Load() int64 { return atomic.LoadInt64(&c.n) }

// randomShards adds to a random shard each time. The shards are made at first
// use once, at least four so that a Load that misses shards shows
// even with one processor.
type randomShards struct {
	bugs
	once   sync.Once
	shards []atomic.Int64
}

func (c *randomShards) Add(delta int64) {
	c.once.Do(c.makeShards)
	i := rand.IntN(len(c.shards))
	if c.indexByGOMAXPROCS {
		i = rand.IntN(runtime.GOMAXPROCS(0))
	}
	c.shards[i].Add(delta)
}

func (c *randomShards) Load() int64 {
	c.once.Do(c.makeShards)
	if c.oneShardLoad {
		return c.shards[0].Load()
	}
	var sum int64
	for i := range c.shards {
		sum += c.shards[i].Load()
	}
	return sum
}

func (c *randomShards) makeShards() {
	c.shards = make([]atomic.Int64, max(4, runtime.GOMAXPROCS(0)))
}
