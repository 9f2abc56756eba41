package pooltest

import (
	"context"
	"errors"
	"slices"
	"sync"

	"github.com/conckata/conckata/internal/harness"
)

// mutants are the known pool bugs, each one switch on a plain pool.
var mutants = []harness.Mutant[Impl]{
	{Name: "slot-kept-after-failed-open", Bug: "a failed Open does not give back the slot it took, so the pool shrinks for good and its waiters are stranded (puddle 513cb84)", Impl: mutant(bugs{keepSlotOnFailedOpen: true})},
	{Name: "resource-dropped-for-cancelled-waiter", Bug: "the Open runs on the caller's ctx and its resource is only for that caller: when the caller gives up, the open is cancelled or its resource is dropped, never closed (pgx#1259)", Impl: mutant(bugs{dropForCancelledWaiter: true})},
	{Name: "max-size-exceeded-by-concurrent-opens", Bug: "Acquire checks for a free slot but counts it only once Open returns, so concurrent Acquire calls all open (puddle 8101c0d)", Impl: mutant(bugs{countSlotAfterOpen: true})},
	{Name: "close-does-not-wake-waiters", Bug: "Close leaves the waiting Acquire calls queued: they wait for a release that, on a closed pool, closes the resource instead of handing it on", Impl: mutant(bugs{closeLeavesWaiters: true})},
	{Name: "double-close", Bug: "Close closes the idle resources but keeps them listed, so a second Close closes them again", Impl: mutant(bugs{closeIdleTwice: true})},
}

// bugs switches on known bugs in plain.
type bugs struct {
	keepSlotOnFailedOpen, dropForCancelledWaiter, countSlotAfterOpen, closeLeavesWaiters, closeIdleTwice bool
}

var errClosed = errors.New("plain: closed")

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

type plainWaiter struct{ ch chan plainGrant }

type plainGrant struct {
	r   int
	err error
}

func (p *plain) Acquire(ctx context.Context) (Lease, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	p.mu.Lock()
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
	w := &plainWaiter{ch: make(chan plainGrant, 1)}
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
			if len(p.waiters) > 0 {
				p.pop().ch <- plainGrant{err: err}
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

func (p *plain) pop() *plainWaiter {
	w := p.waiters[0]
	p.waiters = p.waiters[1:]
	return w
}

// give hands r, not in use, to the head waiter or the idle set, or reports
// that the pool is closed and the caller must close r without mu. The
// caller holds mu.
func (p *plain) give(r int) (mustClose bool) {
	switch {
	case p.closed:
		return true
	case len(p.waiters) > 0:
		p.inUse++
		p.acquires++
		p.pop().ch <- plainGrant{r: r}
	default:
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
		for !p.closeLeavesWaiters && len(p.waiters) > 0 {
			p.pop().ch <- plainGrant{err: errClosed}
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
	if !p.closed && len(p.waiters) > 0 {
		p.acquires++
		p.pop().ch <- plainGrant{r: l.r} // stays in use, now by the waiter
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
