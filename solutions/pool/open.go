package pool

// grant is what a waiter receives: a slot holding its resource, or the
// error that ends its wait (ErrClosed, or an Open's error).
type grant[R any] struct {
	slot *slot[R]
	err  error
}

// serveIdle hands idle resources to the live waiters, longest first. The
// caller holds mu.
func (p *Pool[R]) serveIdle() {
	for p.queue.head != nil {
		s := p.idle.pop()
		if s == nil {
			return
		}
		w := p.nextLive()
		if w == nil {
			p.idle.push(s) // every waiter left had given up
			return
		}
		s.acquires.Add(1)
		w.ready <- grant[R]{slot: s}
	}
}

// fill starts the opens the pool needs: one for every waiter that no open
// in flight serves yet, and, unless onlyWaiters, enough to bring the pool
// up to MinSize. It never takes more than the MaxSize slots. The caller
// holds mu.
//
// After a failed Open, fill runs with onlyWaiters set, so that an Open that
// keeps failing is retried only for someone who is waiting to hear about it,
// never in a loop on the pool's own account.
func (p *Pool[R]) fill(onlyWaiters bool) {
	for !p.closed.Load() && p.taken < p.cfg.MaxSize &&
		(p.queue.len > p.opening || !onlyWaiters && p.taken < p.cfg.MinSize) {
		for i := range p.idle.slots {
			if s := &p.idle.slots[i]; s.state.Load() == empty {
				s.state.Store(opening)
				p.taken++
				p.opening++
				p.opens.Go(func() { p.open(s) })
				break
			}
		}
	}
}

// open runs cfg.Open in the background, on the pool's ctx rather than on
// the ctx of any caller: the caller that needed it may give up, and the
// resource then goes to the next waiter or to the idle set (pgx#1259).
func (p *Pool[R]) open(s *slot[R]) {
	r, err := p.cfg.Open(p.openCtx)
	p.mu.Lock()
	p.opening--
	if err != nil {
		// Free the slot and tell the longest waiter, so that no one waits
		// for an open that will never come (puddle 513cb84).
		s.state.Store(empty)
		p.taken--
		if w := p.nextLive(); w != nil {
			w.ready <- grant[R]{err: err}
		}
		p.fill(true)
		p.checkDrained()
		p.mu.Unlock()
		return
	}
	p.opened++
	s.value = r
	if p.closed.Load() {
		s.state.Store(closing)
		p.mu.Unlock()
		p.closeSlot(s)
		return
	}
	if w := p.nextLive(); w != nil {
		s.state.Store(inUse)
		s.acquires.Add(1)
		w.ready <- grant[R]{slot: s}
	} else {
		p.idle.push(s)
	}
	p.mu.Unlock()
}

// closeIdle closes every idle resource. Close calls it, and so does a
// Release that pushed a resource just as Close began.
func (p *Pool[R]) closeIdle() {
	for s := p.idle.pop(); s != nil; s = p.idle.pop() {
		s.state.Store(closing)
		p.closeSlot(s)
	}
}

// closeSlot closes the resource in s, whose state is closing, then frees
// the slot. The caller does not hold mu.
func (p *Pool[R]) closeSlot(s *slot[R]) {
	err := p.closeFn(s.value)
	p.mu.Lock()
	defer p.mu.Unlock()
	var zero R
	s.value = zero // drop the reference, for the garbage collector
	s.state.Store(empty)
	p.closedCount++
	p.taken--
	if p.closed.Load() && err != nil {
		p.closeErr = append(p.closeErr, err)
	}
	p.fill(false)
	p.checkDrained()
}

func (p *Pool[R]) closeFn(r R) error {
	if p.cfg.Close == nil {
		return nil
	}
	return p.cfg.Close(r)
}

// checkDrained closes drained when the closed pool frees its last slot. The
// caller holds mu.
func (p *Pool[R]) checkDrained() {
	if p.closed.Load() && p.taken == 0 {
		close(p.drained)
	}
}
