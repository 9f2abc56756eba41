// Package lock provides a mutual exclusion lock whose Lock can be cancelled:
// the Go form of Python's asyncio.Lock.
package lock

import (
	"context"
	"sync"
	"sync/atomic"
)

// The bits of Mutex.state.
const (
	locked = 1 << iota // someone holds the lock
	queued             // someone waits; implies locked
)

// A Mutex is a mutual exclusion lock whose Lock can be cancelled. Waiters are
// served in FIFO order: Unlock hands the lock straight to the goroutine that
// has waited longest, so no one (not even TryLock) takes it past a waiter.
//
// The zero value is an unlocked Mutex. A Mutex must not be copied after first
// use. An Unlock "happens before" the Lock or TryLock that next takes the lock.
// As with sync.Mutex, a Mutex is not tied to a goroutine: one goroutine may
// lock it and another unlock it.
type Mutex struct {
	// state holds the locked and queued bits. While queued is clear, Lock,
	// TryLock and Unlock change state with a single compare-and-swap and never
	// touch mu. Once queued is set, state changes only under mu, and Unlock
	// hands the lock to the first live waiter without ever clearing locked,
	// so no fast path can take it in between; only when every waiter has
	// given up does Unlock clear both bits at once.
	state atomic.Int32

	mu      sync.Mutex // protects the fields below; see state
	waiters waitQueue
	// handed is the waiter the lock was last handed to. By the next hand-off
	// its goroutine has received the lock and let go of the waiter (only a
	// holder unlocks), so the hand-off makes it the spare, which the next Lock
	// that has to wait takes: a convoy of waiters allocates nothing. Both are
	// nil while no one waits: a channel made in one testing/synctest bubble
	// must not be used in another, and a Mutex may move to another bubble
	// between two bouts of contention.
	handed, spare *waiter
}

// Lock blocks until the caller holds the lock or ctx is done. A ctx that is
// already done fails even when the lock is free.
//
// On failure it returns ctx.Err() and leaves the lock as it was: a cancelled
// waiter leaves the queue, and the lock stays with its holder. A ctx
// cancelled before the Unlock that would hand the caller the lock fails, even
// if the caller has not run since: the lock goes to the next waiter, or
// becomes free. A hand-off made before ctx is done stands: Lock returns nil,
// even if ctx is done by the time it returns, and the caller must unlock.
func (m *Mutex) Lock(ctx context.Context) error {
	// Lock cannot be inlined whatever its size: the inliner charges as much
	// for the interface call ctx.Err as for the call to lockSlow. The slow
	// path is outlined all the same, so that the uncontended path is a check
	// and a compare-and-swap, without the frame of the wait.
	if err := ctx.Err(); err != nil {
		return err
	}
	if m.state.CompareAndSwap(0, locked) {
		return nil
	}
	return m.lockSlow(ctx)
}

// TryLock takes the lock without blocking and reports whether it did. It
// fails while the lock is held or anyone waits for it.
func (m *Mutex) TryLock() bool { return m.state.CompareAndSwap(0, locked) }

// Unlock releases the lock, handing it to the longest waiter if there is one.
// It panics with "lock: unlock of unlocked mutex" if the lock is not held.
func (m *Mutex) Unlock() {
	if !m.state.CompareAndSwap(locked, 0) {
		m.unlockSlow()
	}
}

// Locked reports whether the lock is held, including by a waiter that has
// been handed it and has not yet returned from Lock. It is only a snapshot.
func (m *Mutex) Locked() bool { return m.state.Load()&locked != 0 }

// lockSlow queues the caller. It is the slow path of Lock.
func (m *Mutex) lockSlow(ctx context.Context) error {
	done := ctx.Done()
	m.mu.Lock()
	// Look at ctx again now that we hold mu: taking mu may have taken a
	// while, and a cancellation in that time may have come before the Unlock
	// that freed the lock; then the lock is not ours to take below. What
	// remains, the instructions from here to the compare-and-swap, is a
	// cancellation concurrent with the call, as in the fast path.
	if isDone(done) {
		m.mu.Unlock()
		return ctx.Err()
	}
	for {
		st := m.state.Load()
		if st == 0 { // unlocked while we took mu, and no one waits
			if m.state.CompareAndSwap(0, locked) {
				m.mu.Unlock()
				return nil
			}
		} else if st&queued != 0 || m.state.CompareAndSwap(st, st|queued) {
			break
		}
	}
	w := m.spare
	if w != nil {
		m.spare = nil
	} else {
		w = &waiter{ready: make(chan struct{}, 1)}
	}
	w.done, w.skipped = done, false
	m.waiters.push(w)
	m.mu.Unlock()

	if done == nil {
		<-w.ready // ctx can never be done: a receive is cheaper than a select
		return nil
	}
	select {
	case <-w.ready:
		return nil
	case <-done:
		return m.leave(ctx, w)
	}
}

// leave takes w, whose ctx is done, out of the queue, unless the lock was
// handed to it first.
func (m *Mutex) leave(ctx context.Context, w *waiter) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	select {
	case <-w.ready:
		// The hand-off found done still open, so ctx was done after it or
		// at the same moment: the lock is the caller's. Returning ctx.Err()
		// here without passing the lock on would leave it held by no one
		// (CPython bpo-27585); passing it on, as asyncio and x/sync's
		// Weighted do, would be correct too, but Locked() was already true
		// for this waiter, and the next one would wait for this goroutine
		// to be scheduled.
		return nil
	default:
	}
	if !w.skipped { // a hand-off that skipped w has already unlinked it
		m.dequeue(w)
	}
	if m.waiters.head != nil {
		m.spare = w
	}
	return ctx.Err()
}

// unlockSlow is the slow path of Unlock, outlined so that the fast path can
// be inlined.
func (m *Mutex) unlockSlow() {
	m.mu.Lock()
	defer m.mu.Unlock()
	// queued cannot be set or cleared while we hold mu, but it may have been
	// cleared before we got mu (the last waiter gave up): hence the loop.
	for {
		st := m.state.Load()
		if st&locked == 0 {
			panic("lock: unlock of unlocked mutex")
		}
		if st&queued != 0 {
			m.handOff()
			return
		}
		if m.state.CompareAndSwap(st, 0) {
			return
		}
	}
}

// handOff passes the held lock to the first waiter whose ctx is not done;
// locked stays set. With none, the lock becomes free. The caller holds mu and
// queued is set.
//
// A waiter whose ctx is already done is skipped: its cancellation came
// before this Unlock, even if it has not run since (it may still be on its
// way to leave), and it must fail while the lock goes on (CPython
// test_cancel_race). The rejected alternative is to hand it the lock and let
// it pass the lock on when it wakes, as asyncio and x/sync's Weighted do: the
// lock then waits for a goroutine that will not use it to be scheduled.
// Looking at done costs one non-blocking receive per hand-off. A cancellation
// that races with this check may go either way.
func (m *Mutex) handOff() {
	if h := m.handed; h != nil && len(h.ready) != 0 {
		// The last hand-off is still on its way: no one holds the lock yet.
		panic("lock: unlock of unlocked mutex")
	}
	for w := m.waiters.head; w != nil; w = m.waiters.head {
		m.waiters.remove(w)
		if w.cancelled() {
			w.skipped = true // it returns ctx.Err() when it takes mu
			continue
		}
		if m.waiters.head == nil {
			m.state.Store(locked) // queued is clear: the last waiter is served
			m.handed, m.spare = nil, nil
		} else {
			if m.handed != nil {
				m.spare = m.handed
			}
			m.handed = w
		}
		w.ready <- struct{}{} // never blocks: one value per wait
		return
	}
	m.state.Store(0) // every waiter had given up
	m.handed, m.spare = nil, nil
}

// dequeue takes w out of the queue; with the last waiter gone, it clears
// queued, leaving the lock locked for its holder. The caller holds mu.
func (m *Mutex) dequeue(w *waiter) {
	m.waiters.remove(w)
	if m.waiters.head == nil {
		m.state.Store(locked)
		m.handed, m.spare = nil, nil
	}
}
