package pool

// A Lease is one resource lent by a Pool. Call exactly one of Release or
// Destroy when done with it; the resource must not be used after that.
type Lease[R any] struct {
	pool  *Pool[R]
	value R
	done  bool // Release or Destroy was called; guarded by pool.mu
}

// Value returns the leased resource.
func (l *Lease[R]) Value() R { return l.value }

// Release gives the resource back: to the longest waiter if anyone waits,
// else to the idle set; after Close it closes the resource instead. It
// panics with "pool: lease released twice" if Release or Destroy was already
// called on l.
func (l *Lease[R]) Release() {
	p := l.pool
	p.mu.Lock()
	l.finish()
	if p.closed {
		p.inUse--
		p.mu.Unlock()
		p.closeResource(l.value)
		return
	}
	if w := p.queue.head; w != nil {
		p.queue.remove(w)
		p.acquires++
		w.ready <- grant[R]{value: l.value} // stays in use, now by w
	} else {
		p.inUse--
		p.idle = append(p.idle, l.value)
	}
	p.mu.Unlock()
}

// Destroy closes the resource, for one found broken, and frees its slot:
// the pool opens another in the background if it now has fewer than
// MinSize, or if anyone waits. It panics with "pool: lease released twice"
// if Release or Destroy was already called on l. Destroy returns once the
// resource is closed; an error of Config.Close is dropped, unless the pool
// is closing, whose Close returns it.
func (l *Lease[R]) Destroy() {
	p := l.pool
	p.mu.Lock()
	l.finish()
	p.inUse--
	p.mu.Unlock()
	p.closeResource(l.value)
}

// finish marks l done, or panics if it already was. The caller holds mu.
func (l *Lease[R]) finish() {
	if l.done {
		l.pool.mu.Unlock()
		panic("pool: lease released twice")
	}
	l.done = true
}
