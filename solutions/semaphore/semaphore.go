// Package semaphore provides a weighted counting semaphore whose waits can be
// cancelled: the Go form of Python's asyncio.Semaphore and BoundedSemaphore.
package semaphore

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
)

// ErrTooLarge is returned at once by AcquireN when n exceeds the semaphore's
// size: such a request could never be granted.
var ErrTooLarge = errors.New("semaphore: request larger than the semaphore")

// queued is the low bit of Semaphore.state: set while anyone waits.
const queued = 1

// A Semaphore hands out a fixed number of permits. Waiters are served in
// strict FIFO order: a request that does not fit blocks those behind it, and
// no one (not even TryAcquire) takes a permit past a waiter.
//
// Create one with New; a Semaphore must not be copied after first use.
// A ReleaseN "happens before" the acquire it lets succeed.
type Semaphore struct {
	size int64

	// state is free<<1 | queued, where free counts the permits no one holds.
	// While queued is clear, TryAcquireN and ReleaseN change state with a
	// compare-and-swap and never touch mu: the uncontended path is a single
	// atomic instruction. Once queued is set, state changes only under mu, so
	// that released permits go to the waiters in order and cannot be taken
	// past them.
	state atomic.Int64

	mu      sync.Mutex // protects waiters and pool; see state
	waiters waitQueue
	pool    waiterPool // waiters to reuse while the queue is not empty
}

// New returns a semaphore with n permits, all free. It panics if n < 0.
func New(n int) *Semaphore {
	if n < 0 {
		panic("semaphore: negative size")
	}
	s := &Semaphore{size: int64(n)}
	s.state.Store(int64(n) << 1)
	return s
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
	if n < 0 {
		panic("semaphore: negative count")
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if n == 0 {
		return nil
	}
	if int64(n) > s.size {
		return ErrTooLarge
	}
	if s.tryAcquire(int64(n)) {
		return nil
	}
	return s.wait(ctx, int64(n))
}

// TryAcquire is TryAcquireN(1).
func (s *Semaphore) TryAcquire() bool { return s.TryAcquireN(1) }

// TryAcquireN takes n permits without blocking and reports whether it did. It
// fails while anyone waits, even if n permits are free. A negative n panics.
func (s *Semaphore) TryAcquireN(n int) bool {
	if n < 0 {
		panic("semaphore: negative count")
	}
	return s.tryAcquire(int64(n))
}

// tryAcquire and ReleaseN first try a compare-and-swap from the state they
// would find with every permit free, or all free after the release, before
// they load the state. A compare-and-swap takes the cache line once, where a
// load and then a compare-and-swap take it twice when another core holds it:
// with two cores hammering the semaphore this halved op=parallel.
func (s *Semaphore) tryAcquire(n int64) bool {
	if full := s.size << 1; n <= s.size && s.state.CompareAndSwap(full, full-n<<1) {
		return true
	}
	for {
		st := s.state.Load()
		if st&queued != 0 || st>>1 < n {
			return false
		}
		if s.state.CompareAndSwap(st, st-n<<1) {
			return true
		}
	}
}

// Release is ReleaseN(1).
func (s *Semaphore) Release() { s.ReleaseN(1) }

// ReleaseN gives back n permits, granting them to waiters in FIFO order. It
// panics with "semaphore: released more than held" if that would make more
// permits free than the semaphore has, and on a negative n.
func (s *Semaphore) ReleaseN(n int) {
	if n < 0 {
		panic("semaphore: negative count")
	}
	if full := s.size << 1; s.state.CompareAndSwap(full-int64(n)<<1, full) {
		return // see tryAcquire
	}
	for {
		st := s.state.Load()
		if st>>1+int64(n) > s.size {
			panic("semaphore: released more than held")
		}
		if st&queued != 0 {
			break
		}
		if s.state.CompareAndSwap(st, st+int64(n)<<1) {
			return
		}
	}
	s.releaseToWaiters(int64(n))
}

// releaseToWaiters is the slow path of ReleaseN, outlined so that the fast
// path can be inlined.
func (s *Semaphore) releaseToWaiters(n int64) {
	s.mu.Lock()
	// queued cannot be set or cleared while we hold mu, but it may have been
	// cleared before we got it, letting the fast paths run again: hence CAS.
	for {
		st := s.state.Load()
		if st>>1+n > s.size {
			s.mu.Unlock()
			panic("semaphore: released more than held")
		}
		if s.state.CompareAndSwap(st, st+n<<1) {
			if st&queued != 0 {
				s.grant()
			}
			break
		}
	}
	s.mu.Unlock()
}

// Available returns the number of free permits. It is only a snapshot.
func (s *Semaphore) Available() int { return int(s.state.Load() >> 1) }
