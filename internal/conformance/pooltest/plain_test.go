package pooltest

import (
	"context"
	"errors"
	"slices"
	"sync"
)

// bugs switches on known bugs in plain.
type bugs struct {
	keepSlotOnFailedOpen, dropForCancelledWaiter, countSlotAfterOpen, closeLeavesWaiters, closeIdleTwice bool
	leaseToCancelled                                                                                     bool
}

var errClosed = errors.New("plain: closed")

// mutant returns the plain implementation with the bugs of b switched on.
func mutant(b bugs) Impl {
	return Impl{
		New: func(ctx context.Context, cfg Config) (Pool, error) {
			if cfg.MaxSize < 1 || cfg.MinSize < 0 || cfg.MinSize > cfg.MaxSize || cfg.Open == nil {
				panic("pool: bad config")
			}
			p := &plain{bugs: b, cfg: cfg, drained: make(chan struct{})}
			p.openCtx, p.stopOpens = context.WithCancel(context.WithoutCancel(ctx))
			for range cfg.MinSize {
				r, err := cfg.Open(ctx)
				if err != nil {
					for _, r := range p.idle {
						p.closeFn(r)
					}
					p.stopOpens()
					return nil, err
				}
				p.idle = append(p.idle, r)
				p.slots++
				p.opened++
			}
			return p, nil
		},
		ErrClosed: errClosed,
	}
}

// plain is a simple correct pool, one mutex over everything and a slice for
// the queue, into which the bugs are switched.
type plain struct {
	bugs
	cfg       Config
	openCtx   context.Context
	stopOpens context.CancelFunc
	opens     sync.WaitGroup

	mu      sync.Mutex // protects the fields below
	slots   int        // open, opening or closing
	opening int
	idle    []int
	inUse   int
	waiters []*plainWaiter // waiters[0] is served first
	closed  bool
	drained chan struct{} // closed once closed and slots == 0
	ended   bool          // drained is closed

	opened, closedCount, acquires int64
}

type plainWaiter struct {
	ctx context.Context // the Acquire's: a hand-off skips a waiter whose ctx is done
	ch  chan plainGrant
}

type plainGrant struct {
	r   int
	err error
}

func (p *plain) Acquire(ctx context.Context) (Lease, error) {
	p.mu.Lock()
	if err := ctx.Err(); err != nil { // under mu: judged when Acquire takes effect
		p.mu.Unlock()
		return nil, err
	}
	if p.closed {
		p.mu.Unlock()
		return nil, errClosed
	}
	if n := len(p.idle); n > 0 {
		r := p.idle[n-1]
		p.idle = p.idle[:n-1]
		p.inUse++
		p.acquires++
		p.mu.Unlock()
		return &plainLease{p: p, r: r}, nil
	}
	w := &plainWaiter{ctx: ctx, ch: make(chan plainGrant, 1)}
	p.waiters = append(p.waiters, w)
	if p.slots < p.cfg.MaxSize && len(p.waiters) > p.opening {
		p.startOpen(ctx, w)
	}
	p.mu.Unlock()
	select {
	case g := <-w.ch:
		return p.lease(g)
	case <-ctx.Done():
		p.mu.Lock()
		defer p.mu.Unlock()
		select {
		case g := <-w.ch:
			return p.lease(g)
		default:
		}
		p.waiters = slices.DeleteFunc(p.waiters, func(x *plainWaiter) bool { return x == w })
		return nil, ctx.Err()
	}
}

func (p *plain) lease(g plainGrant) (Lease, error) {
	if g.err != nil {
		return nil, g.err
	}
	return &plainLease{p: p, r: g.r}, nil
}

// startOpen opens a resource in the background for w, or for the pool if w
// is nil. The caller holds mu.
func (p *plain) startOpen(ctx context.Context, w *plainWaiter) {
	countLater := p.countSlotAfterOpen && w != nil // the bug is in Acquire's check
	if !countLater {
		p.slots++
	}
	p.opening++
	openCtx := p.openCtx
	if p.dropForCancelledWaiter && w != nil {
		openCtx = ctx
	}
	p.opens.Go(func() {
		r, err := p.cfg.Open(openCtx)
		p.mu.Lock()
		defer p.mu.Unlock()
		p.opening--
		if countLater && err == nil {
			p.slots++
		}
		if err != nil {
			if !p.keepSlotOnFailedOpen && !countLater {
				p.slots--
			}
			if p.dropForCancelledWaiter && w != nil && !slices.Contains(p.waiters, w) {
				p.grow(false)
				p.checkDrained()
				return
			}
			if w := p.pop(); w != nil {
				w.ch <- plainGrant{err: err}
			}
			p.grow(false)
			p.checkDrained()
			return
		}
		p.opened++
		if p.dropForCancelledWaiter && w != nil && !slices.Contains(p.waiters, w) {
			p.slots-- // dropped: neither kept nor closed
			return
		}
		if p.give(r) {
			p.mu.Unlock()
			p.closeRes(r)
			p.mu.Lock()
		}
	})
}

// pop takes the waiters off the front of the queue until it finds one whose
// ctx is not done, and returns it, or nil; the ones before it get
// ctx.Err(). With leaseToCancelled (a bug) it returns the first, live or not.
func (p *plain) pop() *plainWaiter {
	for len(p.waiters) > 0 {
		w := p.waiters[0]
		p.waiters = p.waiters[1:]
		err := w.ctx.Err()
		if err == nil || p.leaseToCancelled {
			return w
		}
		w.ch <- plainGrant{err: err}
	}
	return nil
}

// give hands r, not in use, to the head waiter or the idle set, or reports
// that the pool is closed and the caller must close r without mu. The
// caller holds mu.
func (p *plain) give(r int) (mustClose bool) {
	if p.closed {
		return true
	}
	if w := p.pop(); w != nil {
		p.inUse++
		p.acquires++
		w.ch <- plainGrant{r: r}
	} else {
		p.idle = append(p.idle, r)
	}
	return false
}

// grow opens for the waiters no open serves yet and, if withMin, up to
// MinSize. The caller holds mu.
func (p *plain) grow(withMin bool) {
	for !p.closed && p.slots < p.cfg.MaxSize && (len(p.waiters) > p.opening || withMin && p.slots < p.cfg.MinSize) {
		p.startOpen(p.openCtx, nil)
	}
}
