package pool

import "sync/atomic"

// The states of a slot. A slot moves empty -> opening -> idle <-> inUse ->
// closing -> empty; opening may also go straight to inUse (handed to a
// waiter), to closing (the pool closed meanwhile) or back to empty (Open
// failed). Only idle <-> inUse happens without the pool's mu.
const (
	empty int32 = iota
	opening
	idle
	inUse
	closing
)

// slot holds one resource, or room for one. There are MaxSize slots, so the
// slots themselves bound the pool; each resource keeps its slot from Open to
// Close.
type slot[R any] struct {
	state    atomic.Int32
	next     atomic.Uint32 // in the idle stack: the index+1 of the slot below, 0 at the bottom
	acquires atomic.Int64  // leases of this slot's resources; Stats sums them
	index    uint32
	// value is the resource. Its owner (whoever took the slot from the idle
	// stack, or opened it) writes it before pushing the slot, and the one
	// who pops it reads it after: the stack's compare-and-swap orders both.
	value R
	// The owners of neighbouring slots run on different CPUs: keep each
	// slot's fields off the cache lines of the next.
	_ [64]byte
}

// idleStack is a lock-free LIFO of idle slots: Acquire and Release move a
// resource in and out with one compare-and-swap each, without the pool's
// mu, as long as no one waits. LIFO keeps the most recently used resources
// busy. head packs the index+1 of the top slot (0: empty) in its low 32 bits
// and a tag, bumped by every change, in the high 32, so that a slot popped
// and pushed back between a pop's load and its compare-and-swap cannot
// fool it (the ABA problem).
type idleStack[R any] struct {
	head  atomic.Uint64
	slots []slot[R]
}

func (st *idleStack[R]) push(s *slot[R]) {
	s.state.Store(idle)
	for {
		h := st.head.Load()
		s.next.Store(uint32(h))
		if st.head.CompareAndSwap(h, uint64(s.index+1)|(h>>32+1)<<32) {
			return
		}
	}
}

// pop takes the top idle slot and marks it in use, or returns nil.
func (st *idleStack[R]) pop() *slot[R] {
	for {
		h := st.head.Load()
		top := uint32(h)
		if top == 0 {
			return nil
		}
		s := &st.slots[top-1]
		if st.head.CompareAndSwap(h, uint64(s.next.Load())|(h>>32+1)<<32) {
			s.state.Store(inUse)
			return s
		}
	}
}
