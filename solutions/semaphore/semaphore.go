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

func (s *Semaphore) tryAcquire(n int64) bool {
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

// wait queues the caller for n permits. It is the slow path of AcquireN.
func (s *Semaphore) wait(ctx context.Context, n int64) error {
	done := ctx.Done()
	s.mu.Lock()
	// A cancellation while we took mu may have come before the ReleaseN
	// that freed the permits taken below: look at ctx again.
	if isDone(done) {
		s.mu.Unlock()
		return ctx.Err()
	}
	for {
		st := s.state.Load()
		if st&queued != 0 {
			break
		}
		if st>>1 >= n { // the permits came free while we took mu
			if s.state.CompareAndSwap(st, st-n<<1) {
				s.mu.Unlock()
				return nil
			}
		} else if s.state.CompareAndSwap(st, st|queued) {
			break
		}
	}
	w := s.pool.get(n, done)
	s.waiters.push(w)
	s.mu.Unlock()

	if done == nil {
		<-w.ready // ctx can never be done: a receive is cheaper than a select
		return nil
	}
	select {
	case <-w.ready:
		return nil
	case <-done:
		return s.leave(ctx, w)
	}
}

// leave takes w, whose ctx is done, out of the queue, unless it was served
// first.
func (s *Semaphore) leave(ctx context.Context, w *waiter) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	select {
	case <-w.ready:
		// The grant found done still open, so ctx was done after it or at
		// the same moment: the permits are the caller's, as they have been
		// since ReleaseN returned (no one could take them past it). x/sync's
		// Weighted gives them back here instead (go.dev/issue/63615).
		return nil
	default:
	}
	if !w.skipped {
		s.waiters.remove(w)
		// Without w, the new head (or, if none, the fast path) may now be
		// able to proceed: forgetting this strands waiters behind a
		// departed head (golang/go#37852).
		s.grant()
	}
	if s.waiters.head != nil {
		s.pool.put(w)
	}
	return ctx.Err()
}

// grant hands free permits to the waiters from the head of the queue until the
// head does not fit, and clears queued when no one is left. The caller holds
// mu and queued is set.
//
// A waiter whose ctx is already done is skipped, not served: it was cancelled
// before this grant, even if it has not run since, and it must fail while the
// permits go to the next live waiter (go.dev/issue/63615). The rejected
// alternative, x/sync's, serves it and has it give the permits back when it
// wakes: they then sit with a goroutine that will not use them, the waiters
// behind wait for it to be scheduled, and Available shows them taken. The
// check costs a non-blocking receive per waiter; a cancellation racing with
// it may go either way, and the permits end up in one place in both cases.
func (s *Semaphore) grant() {
	for w := s.waiters.head; w != nil; w = s.waiters.head {
		if w.cancelled() {
			s.waiters.remove(w)
			w.skipped = true // it returns ctx.Err() when it takes mu
			continue
		}
		if s.state.Load()>>1 < w.n {
			// The head waits for more permits and the rest wait behind it:
			// serving a smaller request first would starve large ones.
			return
		}
		s.state.Add(-w.n << 1)
		s.waiters.remove(w)
		s.pool.handOff(w)
	}
	s.state.Add(-queued)
	s.pool.reset()
}
