package pool

import "sync/atomic"

// A Lease is one resource lent by a Pool. Call exactly one of Release or
// Destroy when done with it; the resource must not be used after that.
type Lease[R any] struct {
	pool  *Pool[R]
	slot  *slot[R]
	value R
	done  atomic.Bool // Release or Destroy was called
}

// Value returns the leased resource.
func (l *Lease[R]) Value() R { return l.value }

// Release gives the resource back: to the longest waiter if anyone waits,
// else to the idle set; after Close it closes the resource instead. It
// panics with "pool: lease released twice" if Release or Destroy was already
// called on l.
func (l *Lease[R]) Release() {
	l.finish()
	l.pool.release(l.slot)
}

// release gives back s, which is in use: to the longest live waiter, to the
// idle set, or, once the pool is closed, to closeSlot.
func (p *Pool[R]) release(s *slot[R]) {
	if p.waiting.Load() != 0 || p.closed.Load() {
		p.releaseSlow(s)
		return
	}
	p.idle.push(s)
	// A waiter or Close may have come in between: see Pool.idle.
	if p.waiting.Load() != 0 || p.closed.Load() {
		p.mu.Lock()
		p.serveIdle()
		p.mu.Unlock()
		if p.closed.Load() {
			p.closeIdle()
		}
	}
}

// releaseSlow hands s to the longest live waiter, or closes it on a closed
// pool.
func (p *Pool[R]) releaseSlow(s *slot[R]) {
	p.mu.Lock()
	if p.closed.Load() {
		s.state.Store(closing)
		p.mu.Unlock()
		p.closeSlot(s)
		return
	}
	if w := p.nextLive(); w != nil {
		s.acquires.Add(1)
		w.ready <- grant[R]{slot: s} // stays in use, now by w
	} else {
		p.idle.push(s)
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
	l.finish()
	l.slot.state.Store(closing)
	l.pool.closeSlot(l.slot)
}

func (l *Lease[R]) finish() {
	if !l.done.CompareAndSwap(false, true) {
		panic("pool: lease released twice")
	}
}
