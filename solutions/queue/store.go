package queue

// store holds a Queue's items: a ring buffer for FIFO and LIFO order, a
// binary heap for priority order. The order is passed to every call rather
// than kept behind an interface, so that each call is a predictable branch
// instead of an indirect call.
type store[T any] struct {
	// ring[(head+i) & (len(ring)-1)] for i < n are the items of a FIFO or
	// LIFO queue, oldest first; len(ring) is 0 or a power of two.
	ring    []T
	head, n int

	// heap is a binary min-heap by less, ties broken by seq: the insertion
	// sequence number makes equal items leave in the order they came, which
	// a plain heap does not promise.
	heap []entry[T]
	seq  uint64
	less func(a, b T) bool
}

type entry[T any] struct {
	v   T
	seq uint64
}

func (s *store[T]) len() int { return s.n + len(s.heap) }

func (s *store[T]) push(v T, o order) {
	if o == priority {
		s.heapPush(v)
		return
	}
	if s.n == len(s.ring) {
		s.grow()
	}
	s.ring[(s.head+s.n)&(len(s.ring)-1)] = v
	s.n++
}

// pop removes and returns the next item; the store is not empty.
func (s *store[T]) pop(o order) T {
	var zero T
	switch o {
	case priority:
		return s.heapPop()
	case lifo:
		s.n--
		i := (s.head + s.n) & (len(s.ring) - 1)
		v := s.ring[i]
		s.ring[i] = zero // let the item be collected
		return v
	}
	v := s.ring[s.head]
	s.ring[s.head] = zero
	s.head = (s.head + 1) & (len(s.ring) - 1)
	s.n--
	return v
}

// grow doubles the ring, keeping the items in order from index 0.
func (s *store[T]) grow() {
	ring := make([]T, max(8, 2*len(s.ring)))
	for i := range s.n {
		ring[i] = s.ring[(s.head+i)&(len(s.ring)-1)]
	}
	s.ring, s.head = ring, 0
}

// clear drops every item and returns how many there were.
func (s *store[T]) clear() int {
	n := s.len()
	clear(s.ring)
	clear(s.heap)
	s.heap = s.heap[:0]
	s.head, s.n = 0, 0
	return n
}

// before reports whether a leaves the heap before b: a is less, or they are
// equal and a came first. Seqs are unique, so one call of less decides.
func (s *store[T]) before(a, b *entry[T]) bool {
	if a.seq < b.seq {
		return !s.less(b.v, a.v)
	}
	return s.less(a.v, b.v)
}

func (s *store[T]) heapPush(v T) {
	s.seq++
	s.heap = append(s.heap, entry[T]{v: v, seq: s.seq})
	s.siftUp(len(s.heap)-1, s.heap[len(s.heap)-1])
}

// siftUp moves the hole at i up while e leaves before the hole's parent,
// and puts e in it: one write per level rather than a swap.
func (s *store[T]) siftUp(i int, e entry[T]) {
	h := s.heap
	for i > 0 {
		parent := (i - 1) / 2
		if !s.before(&e, &h[parent]) {
			break
		}
		h[i] = h[parent]
		i = parent
	}
	h[i] = e
}

func (s *store[T]) heapPop() T {
	h := s.heap
	n := len(h) - 1
	top, last := h[0].v, h[n]
	h[n] = entry[T]{} // let the item be collected
	h = h[:n]
	s.heap = h
	if n == 0 {
		return top
	}
	// Floyd's pop: walk the hole at the root down to a leaf along the
	// children that leave first, then sift the last item up from there. The
	// last item usually belongs near the bottom, so this takes about half
	// the comparisons of sifting it down from the root.
	i := 0
	for child := 1; child < n; child = 2*i + 1 {
		if r := child + 1; r < n && s.before(&h[r], &h[child]) {
			child = r
		}
		h[i] = h[child]
		i = child
	}
	s.siftUp(i, last)
	return top
}
