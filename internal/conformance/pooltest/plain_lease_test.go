package pooltest

import (
	"cmp"
	"context"
	"slices"
)

// The plain pool's closing, Stats and leases.

func (p *plain) closeFn(r int) {
	if p.cfg.Close != nil {
		p.cfg.Close(r)
	}
}

func (p *plain) closeRes(r int) {
	p.closeFn(r)
	p.mu.Lock()
	defer p.mu.Unlock()
	p.closedCount++
	p.slots--
	p.grow(true)
	p.checkDrained()
}

func (p *plain) checkDrained() {
	if p.closed && p.slots <= 0 && !p.ended {
		p.ended = true
		close(p.drained)
	}
}

func (p *plain) Close(ctx context.Context) error {
	p.mu.Lock()
	var idle []int
	if !p.closed || p.closeIdleTwice {
		p.closed = true
		p.stopOpens()
		for _, w := range p.waiters {
			if !p.closeLeavesWaiters {
				w.ch <- plainGrant{err: cmp.Or(w.ctx.Err(), errClosed)}
			}
		}
		if !p.closeLeavesWaiters {
			p.waiters = nil
		}
		idle = slices.Clone(p.idle)
		if !p.closeIdleTwice {
			p.idle = nil
		}
		p.checkDrained()
	}
	p.mu.Unlock()
	for _, r := range idle {
		p.closeRes(r)
	}
	select {
	case <-p.drained:
		p.opens.Wait()
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (p *plain) Stats() Stats {
	p.mu.Lock()
	defer p.mu.Unlock()
	return Stats{Open: len(p.idle) + p.inUse, Idle: len(p.idle), InUse: p.inUse, Waiting: len(p.waiters),
		Opened: p.opened, Closed: p.closedCount, Acquires: p.acquires}
}

type plainLease struct {
	p    *plain
	r    int
	done bool
}

func (l *plainLease) Value() int { return l.r }

func (l *plainLease) Release() {
	p := l.p
	p.mu.Lock()
	l.finish()
	if w := p.liveWaiter(); w != nil {
		p.acquires++
		w.ch <- plainGrant{r: l.r} // stays in use, now by the waiter
		p.mu.Unlock()
		return
	}
	p.inUse--
	mustClose := p.give(l.r)
	p.mu.Unlock()
	if mustClose {
		p.closeRes(l.r)
	}
}

// liveWaiter is pop on an open pool, nil on a closed one.
func (p *plain) liveWaiter() *plainWaiter {
	if p.closed {
		return nil
	}
	return p.pop()
}

func (l *plainLease) Destroy() {
	l.p.mu.Lock()
	l.finish()
	l.p.inUse--
	l.p.mu.Unlock()
	l.p.closeRes(l.r)
}

func (l *plainLease) finish() {
	if l.done {
		l.p.mu.Unlock()
		panic("pool: lease released twice")
	}
	l.done = true
}
