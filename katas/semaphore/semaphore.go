// Package semaphore provides a weighted counting semaphore whose waits can be
// cancelled: the Go form of Python's asyncio.Semaphore and BoundedSemaphore.
//
// This is the kata: make `go run ./cmd/kata test semaphore` pass.
// The properties are explained in docs/katas/semaphore.md.
package semaphore

import (
	"context"
	"errors"
)

// ErrTooLarge is returned at once by AcquireN when n exceeds the semaphore's
// size: such a request could never be granted.
var ErrTooLarge = errors.New("semaphore: request larger than the semaphore")

// A Semaphore hands out a fixed number of permits. Waiters are served in
// strict FIFO order: a request that does not fit blocks those behind it, and
// no one (not even TryAcquire) takes a permit past a waiter.
//
// Create one with New; a Semaphore must not be copied after first use.
// A ReleaseN "happens before" the acquire it lets succeed.
type Semaphore struct {
	// Your fields here. State each invariant once, above the fields it guards.
}

// New returns a semaphore with n permits, all free. It panics if n < 0.
func New(n int) *Semaphore {
	panic("semaphore: New is not written yet (docs/katas/semaphore.md)")
}

// Acquire is AcquireN(ctx, 1).
func (s *Semaphore) Acquire(ctx context.Context) error { return s.AcquireN(ctx, 1) }

// AcquireN blocks until n permits are granted to the caller or ctx is done.
// A ctx that is already done fails even when permits are free.
//
// On failure it returns ctx.Err() and leaves the semaphore as it was. A ctx
// cancelled before the ReleaseN that would serve the caller fails, even if
// the caller has not run since: the permits go to the next waiter. A grant
// made before ctx is done stands: AcquireN returns nil, even if ctx is done
// by the time it returns. If n exceeds the size, AcquireN returns ErrTooLarge
// at once. AcquireN(ctx, 0) returns at once. A negative n panics.
func (s *Semaphore) AcquireN(ctx context.Context, n int) error {
	panic("semaphore: AcquireN is not written yet (docs/katas/semaphore.md)")
}

// TryAcquire is TryAcquireN(1).
func (s *Semaphore) TryAcquire() bool { return s.TryAcquireN(1) }

// TryAcquireN takes n permits without blocking and reports whether it did. It
// fails while anyone waits, even if n permits are free. A negative n panics.
func (s *Semaphore) TryAcquireN(n int) bool {
	panic("semaphore: TryAcquireN is not written yet (docs/katas/semaphore.md)")
}

// Release is ReleaseN(1).
func (s *Semaphore) Release() { s.ReleaseN(1) }

// ReleaseN gives back n permits, granting them to waiters in FIFO order. It
// panics with "semaphore: released more than held" if that would make more
// permits free than the semaphore has, and on a negative n.
func (s *Semaphore) ReleaseN(n int) {
	panic("semaphore: ReleaseN is not written yet (docs/katas/semaphore.md)")
}

// Available returns the number of free permits. It is only a snapshot.
func (s *Semaphore) Available() int {
	panic("semaphore: Available is not written yet (docs/katas/semaphore.md)")
}
