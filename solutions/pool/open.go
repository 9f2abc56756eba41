package pool

// grant is what a waiter receives: a resource, or the error that ends its
// wait (ErrClosed, or an Open's error).
type grant[R any] struct {
	value R
	err   error
}

// fill starts the opens the pool needs: one for every waiter that no open
// in flight serves yet, and, unless onlyWaiters, enough to bring the pool
// up to MinSize. It never takes more than MaxSize slots. The caller holds
// mu.
//
// After a failed Open, fill runs with onlyWaiters set, so that an Open that
// keeps failing is retried only for someone who is waiting to hear about it,
// never in a loop on the pool's own account.
func (p *Pool[R]) fill(onlyWaiters bool) {
	for !p.closed && p.slots < p.cfg.MaxSize &&
		(p.queue.len > p.opening || !onlyWaiters && p.slots < p.cfg.MinSize) {
		p.slots++
		p.opening++
		p.opens.Go(p.open)
	}
}

// open runs cfg.Open in the background, on the pool's ctx rather than on
// the ctx of any caller: the caller that needed it may give up, and the
// resource then goes to the next waiter or to the idle set (pgx#1259).
func (p *Pool[R]) open() {
	r, err := p.cfg.Open(p.openCtx)
	p.mu.Lock()
	p.opening--
	if err != nil {
		// Free the slot and tell the longest waiter, so that no one waits
		// for an open that will never come (puddle 513cb84).
		p.slots--
		if w := p.queue.head; w != nil {
			p.queue.remove(w)
			w.ready <- grant[R]{err: err}
		}
		p.fill(true)
		p.checkDrained()
		p.mu.Unlock()
		return
	}
	p.opened++
	switch w := p.queue.head; {
	case p.closed:
		p.mu.Unlock()
		p.closeResource(r)
		return
	case w != nil:
		p.queue.remove(w)
		p.inUse++
		p.acquires++
		w.ready <- grant[R]{value: r}
	default:
		p.idle = append(p.idle, r)
	}
	p.mu.Unlock()
}

// closeResource closes r, whose slot it then frees. The caller does not
// hold mu.
func (p *Pool[R]) closeResource(r R) {
	err := p.closeFn(r)
	p.mu.Lock()
	defer p.mu.Unlock()
	p.closedCount++
	p.slots--
	if p.closed && err != nil {
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
	if p.closed && p.slots == 0 {
		close(p.drained)
	}
}
