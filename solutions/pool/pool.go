// Package pool keeps a bounded set of reusable resources, such as database
// connections, that callers lease one at a time: the Go form of Python's
// asyncpg.create_pool with min_size, max_size and acquire.
package pool

import (
	"cmp"
	"context"
	"errors"
	"sync"
	"sync/atomic"
)

// ErrClosed is returned by Acquire once Close has begun, including to the
// callers that were waiting when it began.
var ErrClosed = errors.New("pool: closed")

// Config says how many resources a Pool keeps and how to open and close one.
type Config[R any] struct {
	// MinSize is how many resources New opens, and how many the pool keeps
	// open afterwards: when Destroy takes the count below it, the pool opens
	// another in the background. 0 <= MinSize <= MaxSize.
	MinSize int
	// MaxSize bounds the resources that are open, being opened or being
	// closed, all at once. At least 1.
	MaxSize int
	// Open opens a resource. New calls it with New's ctx. Every later open
	// runs in the background with a ctx that carries the values of New's ctx,
	// is never cancelled by the ctx of the Acquire that needed it, and is
	// cancelled by Close.
	Open func(ctx context.Context) (R, error)
	// Close closes a resource; nil means there is nothing to close.
	Close func(R) error
}

// Stats is a snapshot of a Pool.
type Stats struct {
	Open    int // Idle + InUse; resources being opened or closed are not counted
	Idle    int // open and free to lease
	InUse   int // leased and not yet released or destroyed
	Waiting int // Acquire calls blocked for a resource

	Opened   int64 // resources Open returned, since New
	Closed   int64 // resources Close was called on, since New
	Acquires int64 // successful Acquire calls, since New
}

// A Pool leases out at most MaxSize resources. Resources are opened when
// needed, kept when released, and closed when destroyed or when the pool
// closes. Waiters are served in FIFO order: a released or newly opened
// resource goes straight to the caller that has waited longest, and no
// Acquire takes one past a waiter.
//
// Create a Pool with New; the zero value is not usable. A Pool is safe for
// use by many goroutines. A Release "happens before" the Acquire that
// receives the same resource.
type Pool[R any] struct {
	// While no one waits and the pool is open, Acquire and Release only pop
	// and push idle; waiting and closed tell them when they must take mu.
	// A Release pushes first and then looks at both again, and a waiter
	// counts itself in waiting before it looks at idle, so that one of the
	// two always sees the other and no resource stays idle past a waiter.
	idle    idleStack[R]
	_       [64]byte     // idle.head changes on every lease; the flags below rarely
	waiting atomic.Int32 // queue.len, for the lock-free paths
	closed  atomic.Bool  // Close has begun

	cfg         Config[R]
	openCtx     context.Context // the ctx of every open after New
	cancelOpens context.CancelFunc
	opens       sync.WaitGroup // the goroutines running cfg.Open
	spares      sync.Pool      // *waiter[R] with an empty ready channel

	mu sync.Mutex // protects the fields below, and slot states other than idle <-> inUse
	// taken counts the slots not empty: resources open, being opened or
	// being closed. opening counts opens in flight; each serves the queue,
	// or MinSize.
	taken, opening int
	queue          waitQueue[R]
	drained        chan struct{} // closed once the pool is closed and taken is 0
	closeErr       []error       // what cfg.Close returned after Close began

	opened, closedCount int64
}

// New returns a pool with MinSize resources open, opened one after another
// with ctx. If one of them fails, New closes those already open and returns
// the error of Open.
//
// New panics with a "pool: ..." message if MaxSize < 1, MinSize < 0,
// MinSize > MaxSize or Open is nil: those are bugs of the caller.
func New[R any](ctx context.Context, cfg Config[R]) (*Pool[R], error) {
	switch {
	case cfg.MaxSize < 1:
		panic("pool: MaxSize must be at least 1")
	case cfg.MinSize < 0 || cfg.MinSize > cfg.MaxSize:
		panic("pool: MinSize must be between 0 and MaxSize")
	case cfg.Open == nil:
		panic("pool: Open is nil")
	}
	p := &Pool[R]{cfg: cfg, drained: make(chan struct{})}
	p.idle.slots = make([]slot[R], cfg.MaxSize)
	for i := range p.idle.slots {
		p.idle.slots[i].index = uint32(i)
	}
	p.openCtx, p.cancelOpens = context.WithCancel(context.WithoutCancel(ctx))
	for i := range cfg.MinSize {
		r, err := cfg.Open(ctx)
		if err != nil {
			p.cancelOpens()
			for j := range i {
				p.closeFn(p.idle.slots[j].value)
			}
			return nil, err
		}
		s := &p.idle.slots[i]
		s.value = r
		p.idle.push(s)
		p.taken++
		p.opened++
	}
	return p, nil
}

// Acquire leases a resource: an idle one if there is one, else one newly
// opened if fewer than MaxSize are open, else the next one released. It
// blocks until then, until ctx is done or until the pool closes. A ctx that
// is already done fails even when a resource is idle.
//
// On failure it returns ctx.Err(), ErrClosed, or the error of the Open that
// was meant for this caller, and holds nothing: a cancelled caller leaves
// the queue, and an Open started for it is not cancelled but runs on, and
// its resource goes to the next waiter or to the idle set. A ctx done before
// the Release (or Open, or Close) that would serve a waiting Acquire fails
// it with ctx.Err(), even if it has not run since, and what would have been
// its own goes to the next waiter; only when the two are truly concurrent
// may the hand-off win, and Acquire returns the lease, which the caller must
// release.
func (p *Pool[R]) Acquire(ctx context.Context) (*Lease[R], error) {
	if p.waiting.Load() == 0 && !p.closed.Load() {
		if s := p.idle.pop(); s != nil {
			// ctx is judged once the resource is taken, the instant the
			// lease takes effect, so that a ctx done before it fails even
			// if it was done after Acquire began. Judging it first would
			// cost the same but leave a window in which a cancelled caller
			// leases a resource.
			if err := ctx.Err(); err != nil {
				p.release(s)
				return nil, err
			}
			return p.lease(s), nil
		}
	}
	return p.acquireSlow(ctx)
}

func (p *Pool[R]) lease(s *slot[R]) *Lease[R] {
	s.acquires.Add(1)
	return &Lease[R]{pool: p, slot: s, value: s.value}
}

// Stats returns a snapshot of the pool's counts. While leases come and go
// it may be off by the ones on their way; when nothing moves it is exact.
func (p *Pool[R]) Stats() Stats {
	p.mu.Lock()
	defer p.mu.Unlock()
	s := Stats{Waiting: p.queue.len, Opened: p.opened, Closed: p.closedCount}
	for i := range p.idle.slots {
		sl := &p.idle.slots[i]
		switch sl.state.Load() {
		case idle:
			s.Idle++
		case inUse:
			s.InUse++
		}
		s.Acquires += sl.acquires.Load()
	}
	s.Open = s.Idle + s.InUse
	return s
}

// Close closes the pool. From then on Acquire returns ErrClosed, and so do
// the Acquire calls already waiting (or ctx.Err(), for one whose ctx was
// done before the Close); opens in flight are cancelled; idle
// resources are closed at once, and leased ones when they are released or
// destroyed. Close waits until every resource is closed and every open has
// returned, or until ctx is done, and then returns ctx.Err(). Otherwise it
// returns the errors of Config.Close for the resources closed since Close
// began, joined, or nil.
//
// Close may be called more than once; every call waits the same way. Each
// resource is closed exactly once, whoever closes it.
func (p *Pool[R]) Close(ctx context.Context) error {
	p.mu.Lock()
	if !p.closed.Load() {
		p.closed.Store(true)
		p.cancelOpens()
		for w := p.queue.head; w != nil; w = p.queue.head {
			p.dequeue(w)
			// One cancelled before the Close fails with its ctx.Err().
			w.ready <- grant[R]{err: cmp.Or(w.ctx.Err(), ErrClosed)}
		}
		p.checkDrained()
	}
	p.mu.Unlock()
	p.closeIdle()
	select {
	case <-p.drained:
	case <-ctx.Done():
		return ctx.Err()
	}
	p.opens.Wait() // the last open freed its slot and is returning
	p.mu.Lock()
	defer p.mu.Unlock()
	return errors.Join(p.closeErr...)
}
