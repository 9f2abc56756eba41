package harness

import (
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

// The toy implementations of the counter that the harness is tested on: one
// correct, and one for each way an implementation can fail.

type good struct {
	mu sync.Mutex
	n  int
}

func (c *good) Inc()     { c.mu.Lock(); c.n++; c.mu.Unlock() }
func (c *good) Get() int { c.mu.Lock(); defer c.mu.Unlock(); return c.n }

type offByOne struct{ good }

func (c *offByOne) Get() int { return c.good.Get() + 1 }

type panicky struct{ good }

func (c *panicky) Inc() { panic("toy: boom") }

type panicElsewhere struct{ good }

func (c *panicElsewhere) Inc() {
	done := make(chan struct{})
	go func() {
		defer close(done)
		panic("toy: boom in a goroutine")
	}()
	<-done
}

type racy struct{ n int }

func (c *racy) Inc()     { c.n++ }
func (c *racy) Get() int { return c.n }

// blockForever is a channel no one ever sends on.
var blockForever = make(chan struct{})

// hangs blocks in Inc on a channel of its own, made where it is constructed:
// inside a synctest bubble that makes the block durable, so a deadlock.
type hangs struct {
	good
	never chan struct{}
}

func newHangs() *hangs { return &hangs{never: make(chan struct{})} }

func (c *hangs) Inc() { <-c.never } // hangs here

// selfLock locks its mutex twice: a deadlock that synctest cannot see, as
// a goroutine waiting for a sync.Mutex is not durably blocked.
type selfLock struct{ good }

func (c *selfLock) Inc() {
	c.mu.Lock()
	c.mu.Lock() // locked twice
	c.n++
}

type leaks struct{ good }

func (c *leaks) Inc() {
	c.good.Inc()
	go func() { <-blockForever }() // leaks here
}

// bubbleLeaks leaves a goroutine blocked on a channel of the bubble: when
// the bubble's main goroutine returns, synctest finds it.
type bubbleLeaks struct{ good }

func (c *bubbleLeaks) Inc() {
	c.good.Inc()
	never := make(chan struct{})
	go func() { <-never }() // leaks in the bubble here
}

// spins never stands still and never returns.
type spins struct {
	good
	stop atomic.Bool
}

func (c *spins) Inc() {
	for !c.stop.Load() { // spins here
	}
}

func impl[C counter](f func() C) toyImpl { return toyImpl{new: func() counter { return f() }} }

// at returns "internal/harness/FILE:LINE" for the line of file that ends
// with the comment "// marker".
func at(t *testing.T, file, marker string) string {
	t.Helper()
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	for i, l := range strings.Split(string(src), "\n") {
		if strings.HasSuffix(l, "// "+marker) {
			return "internal/harness/" + file + ":" + strconv.Itoa(i+1)
		}
	}
	t.Fatalf("no line of %s ends with // %s", file, marker)
	return ""
}

// firstGetLies gets one Get wrong in its process, the first: a failure that
// does not happen again, as a schedule-dependent bug would not.
type firstGetLies struct{ good }

var lied atomic.Bool

func (c *firstGetLies) Get() int {
	if lied.CompareAndSwap(false, true) {
		return c.good.Get() + 1
	}
	return c.good.Get()
}
