// Package pool keeps a bounded set of reusable resources, such as database
// connections, that callers lease one at a time: the Go form of Python's
// asyncpg.create_pool with min_size, max_size and acquire.
package pool

import (
	"context"
	"errors"
	"sync"
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
	cfg         Config[R]
	openCtx     context.Context // the ctx of every open after New
	cancelOpens context.CancelFunc
	opens       sync.WaitGroup // the goroutines running cfg.Open
	spares      sync.Pool      // *waiter[R] with an empty ready channel

	mu sync.Mutex // protects the fields below
	// slots counts the resources open, being opened or being closed; it
	// never exceeds MaxSize. A slot is taken before Open is called and freed
	// only after Close returns.
	slots   int
	opening int // opens in flight; each serves the queue, or MinSize
	idle    []R // a stack; non-empty only while no one waits
	inUse   int // leased, including handed to a waiter that has not woken yet
	queue   waitQueue[R]
	closed  bool
	// drained is closed once the pool is closed and every slot is free.
	drained  chan struct{}
	closeErr []error // what cfg.Close returned after Close began

	opened, closedCount, acquires int64
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
	p := &Pool[R]{cfg: cfg, idle: make([]R, 0, cfg.MaxSize), drained: make(chan struct{})}
	p.openCtx, p.cancelOpens = context.WithCancel(context.WithoutCancel(ctx))
	for range cfg.MinSize {
		r, err := cfg.Open(ctx)
		if err != nil {
			p.cancelOpens()
			for _, r := range p.idle {
				p.closeFn(r)
			}
			return nil, err
		}
		p.idle = append(p.idle, r)
		p.slots++
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
// its resource goes to the next waiter or to the idle set. When a resource
// is handed over just as ctx is done, the hand-off wins: Acquire returns the
// lease, which the caller must release.
func (p *Pool[R]) Acquire(ctx context.Context) (*Lease[R], error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	p.mu.Lock()
	if n := len(p.idle) - 1; n >= 0 {
		r := p.idle[n]
		var zero R
		p.idle[n] = zero // drop the reference, for the garbage collector
		p.idle = p.idle[:n]
		p.inUse++
		p.acquires++
		p.mu.Unlock()
		return &Lease[R]{pool: p, value: r}, nil
	}
	return p.acquireSlow(ctx)
}

// acquireSlow queues the caller, starting an Open for it if a slot is free.
// The caller holds mu, which acquireSlow releases.
func (p *Pool[R]) acquireSlow(ctx context.Context) (*Lease[R], error) {
	if p.closed {
		p.mu.Unlock()
		return nil, ErrClosed
	}
	w, _ := p.spares.Get().(*waiter[R])
	if w == nil {
		w = &waiter[R]{ready: make(chan grant[R], 1)}
	}
	p.queue.push(w)
	p.fill(false)
	p.mu.Unlock()

	var g grant[R]
	select {
	case g = <-w.ready:
	case <-ctx.Done():
		p.mu.Lock()
		select {
		case g = <-w.ready: // handed over as ctx was done: the hand-off wins
		default:
			p.queue.remove(w)
			p.mu.Unlock()
			p.spares.Put(w)
			return nil, ctx.Err()
		}
		p.mu.Unlock()
	}
	p.spares.Put(w)
	if g.err != nil {
		return nil, g.err
	}
	return &Lease[R]{pool: p, value: g.value}, nil
}

// Stats returns a snapshot of the pool's counts.
func (p *Pool[R]) Stats() Stats {
	p.mu.Lock()
	defer p.mu.Unlock()
	return Stats{
		Open:     len(p.idle) + p.inUse,
		Idle:     len(p.idle),
		InUse:    p.inUse,
		Waiting:  p.queue.len,
		Opened:   p.opened,
		Closed:   p.closedCount,
		Acquires: p.acquires,
	}
}

// Close closes the pool. From then on Acquire returns ErrClosed, and so do
// the Acquire calls already waiting; opens in flight are cancelled; idle
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
	var idle []R
	if !p.closed {
		p.closed = true
		p.cancelOpens()
		for w := p.queue.head; w != nil; w = p.queue.head {
			p.queue.remove(w)
			w.ready <- grant[R]{err: ErrClosed}
		}
		idle, p.idle = p.idle, nil
		if p.slots == 0 {
			close(p.drained)
		}
	}
	p.mu.Unlock()
	for _, r := range idle {
		p.closeResource(r)
	}
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
