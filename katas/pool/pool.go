// Package pool keeps a bounded set of reusable resources, such as database
// connections, that callers lease one at a time: the Go form of Python's
// asyncpg.create_pool with min_size, max_size and acquire.
//
// This is the kata: make `go run ./cmd/kata test pool` pass.
// The properties are explained in docs/katas/pool.md.
package pool

import (
	"context"
	"errors"
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
	// Your fields here. State each invariant once, above the fields it guards.
}

// New returns a pool with MinSize resources open, opened one after another
// with ctx. If one of them fails, New closes those already open and returns
// the error of Open.
//
// New panics with a "pool: ..." message if MaxSize < 1, MinSize < 0,
// MinSize > MaxSize or Open is nil: those are bugs of the caller.
func New[R any](ctx context.Context, cfg Config[R]) (*Pool[R], error) {
	panic("pool: New is not written yet (docs/katas/pool.md)")
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
	panic("pool: Acquire is not written yet (docs/katas/pool.md)")
}

// Stats returns a snapshot of the pool's counts. While leases come and go
// it may be off by the ones on their way; when nothing moves it is exact.
func (p *Pool[R]) Stats() Stats {
	panic("pool: Stats is not written yet (docs/katas/pool.md)")
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
	panic("pool: Close is not written yet (docs/katas/pool.md)")
}

// A Lease is one resource lent by a Pool. Call exactly one of Release or
// Destroy when done with it; the resource must not be used after that.
type Lease[R any] struct {
	// Your fields here.
}

// Value returns the leased resource.
func (l *Lease[R]) Value() R {
	panic("pool: Value is not written yet (docs/katas/pool.md)")
}

// Release gives the resource back: to the longest waiter if anyone waits,
// else to the idle set; after Close it closes the resource instead. It
// panics with "pool: lease released twice" if Release or Destroy was already
// called on l.
func (l *Lease[R]) Release() {
	panic("pool: Release is not written yet (docs/katas/pool.md)")
}

// Destroy closes the resource, for one found broken, and frees its slot:
// the pool opens another in the background if it now has fewer than
// MinSize, or if anyone waits. It panics with "pool: lease released twice"
// if Release or Destroy was already called on l. Destroy returns once the
// resource is closed; an error of Config.Close is dropped, unless the pool
// is closing, whose Close returns it.
func (l *Lease[R]) Destroy() {
	panic("pool: Destroy is not written yet (docs/katas/pool.md)")
}
