// Package lock provides a mutual exclusion lock whose Lock can be cancelled:
// the Go form of Python's asyncio.Lock.
package lock

import (
	"context"
	"runtime"
	"sync/atomic"
)

// The values of Mutex.state.
const (
	unlocked   int32 = iota // no one holds the lock and no one waits
	locked                  // someone holds the lock and no one waits
	converting              // held; a Lock that must wait is making the baton
	baton                   // the baton is the lock; see Mutex.state
	retiring                // an Unlock that left the baton empty is dropping it
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
	// state is one of the values above. While no one waits, Lock, TryLock and
	// Unlock move it between unlocked and locked with a single
	// compare-and-swap. The first Lock that must wait moves it from locked to
	// converting, makes a baton whose channel already holds a token for the
	// holder, publishes it in b and sets baton. From then on the baton's
	// channel, of capacity 1, is the lock: it is held while the channel holds
	// a token. Lock sends a token, and waits in the runtime's FIFO queue of
	// blocked senders while the channel is full; Unlock receives one, which
	// moves the first waiting sender's token in: the hand-off. An Unlock that
	// leaves the channel empty moves state to retiring, looks again, and sets
	// unlocked if it is still empty, or baton if a Lock has sent since.
	// converting and retiring last a few instructions, and whoever sees them
	// waits for them to pass.
	state atomic.Int32
	// b is the baton of the current contention, or of the last one. It is
	// stored only while state is converting, and read only after state was
	// seen at baton. A baton that state has left for unlocked is never used
	// again: a Lock that sent on it too late finds b changed, or state not at
	// baton, and takes its token back. Dropping the baton when contention
	// ends keeps the fast paths fast, and means that a channel made in one
	// testing/synctest bubble is never used in another, should the Mutex be
	// contended in both.
	b atomic.Pointer[batonChan]
}

// A batonChan carries the lock while goroutines wait for it.
type batonChan struct {
	c chan struct{} // capacity 1; holds a token while the lock is held
}

// Lock blocks until the caller holds the lock or ctx is done. A ctx that is
// already done fails even when the lock is free.
//
// On failure it returns ctx.Err() and leaves the lock as it was. A ctx
// cancelled before the Unlock that would hand the caller the lock fails, even
// if the caller has not run since: the lock goes to the next waiter, or
// becomes free. A hand-off made before ctx is done stands: Lock returns nil,
// even if ctx is done by the time it returns, and the caller must unlock.
func (m *Mutex) Lock(ctx context.Context) error {
	// Lock cannot be inlined whatever its size: the inliner charges as much
	// for the interface call ctx.Err as for the call to lockSlow. The slow
	// path is outlined all the same, so that the uncontended path is a check
	// and a compare-and-swap, without the frame of the wait. The load before
	// the compare-and-swap costs nothing measurable when the lock is free;
	// while the baton is the lock, no one writes state, and loads let every
	// core keep its copy of state's cache line, where a compare-and-swap that
	// fails would still take the line from them: in one interleaved run, 12%
	// less time per contended operation at -cpu 2 (p=0.04), none at -cpu 1.
	// Unlock does the same.
	if err := ctx.Err(); err != nil {
		return err
	}
	if m.state.Load() == unlocked && m.state.CompareAndSwap(unlocked, locked) {
		return nil
	}
	return m.lockSlow(ctx)
}

// lockSlow waits for the lock. It is the slow path of Lock.
func (m *Mutex) lockSlow(ctx context.Context) error {
	done := ctx.Done()
	for {
		switch m.state.Load() {
		case unlocked:
			if m.state.CompareAndSwap(unlocked, locked) {
				return nil
			}
		case locked:
			if m.state.CompareAndSwap(locked, converting) {
				m.convert()
			}
		case baton:
			b := m.b.Load()
			if done == nil {
				b.c <- struct{}{} // ctx can never be done: a send is cheaper than a select
			} else {
				if isDone(done) {
					// Cancelled while on its way here: fail now rather
					// than leave it to select's coin when the lock is free.
					return ctx.Err()
				}
				select {
				case b.c <- struct{}{}:
				case <-done:
					// Only a waiter the runtime has not handed the lock
					// gets here: an Unlock that receives skips a sender
					// whose select its cancellation has already woken,
					// so a ctx done before that Unlock always fails.
					return ctx.Err()
				}
			}
			if m.current(b) {
				return nil
			}
			takeBack(b)
			if isDone(done) {
				return ctx.Err()
			}
		default: // converting or retiring: a few instructions
			runtime.Gosched()
		}
	}
}

// convert makes the baton for a lock held with no one waiting. The caller
// has moved state from locked to converting.
func (m *Mutex) convert() {
	b := &batonChan{c: make(chan struct{}, 1)}
	b.c <- struct{}{} // the holder's token, which its Unlock receives
	m.b.Store(b)
	m.state.Store(baton)
}

// current reports whether b is the lock: whether state is at baton with b,
// after a retiring Unlock, if any, has decided. A token that reached b
// before current returns true holds the lock; one that reached a baton no
// longer current holds nothing.
func (m *Mutex) current(b *batonChan) bool {
	for {
		switch m.state.Load() {
		case baton:
			return m.b.Load() == b
		case retiring:
			runtime.Gosched()
		default:
			return false
		}
	}
}

// takeBack takes a token back from a baton that was dropped before the token
// reached it. It does not block: the channel holds a token at least until its
// sender takes one back, unless a caller's double Unlock took it.
func takeBack(b *batonChan) {
	select {
	case <-b.c:
	default:
	}
}

// TryLock takes the lock without blocking and reports whether it did. It
// fails while the lock is held or anyone waits for it.
func (m *Mutex) TryLock() bool {
	return m.state.CompareAndSwap(unlocked, locked) || m.tryLockSlow()
}

// tryLockSlow is the slow path of TryLock.
func (m *Mutex) tryLockSlow() bool {
	for {
		switch m.state.Load() {
		case unlocked:
			if m.state.CompareAndSwap(unlocked, locked) {
				return true
			}
		case locked, converting:
			return false
		case baton:
			b := m.b.Load()
			select {
			case b.c <- struct{}{}: // the channel was empty: free, and no one waits
				if m.current(b) {
					return true
				}
				takeBack(b)
			default:
				if m.current(b) {
					return false
				}
			}
		default: // retiring
			runtime.Gosched()
		}
	}
}

// Unlock releases the lock, handing it to the longest waiter if there is one.
// It panics with "lock: unlock of unlocked mutex" if the lock is not held.
//
// As with sync.Mutex, a second Unlock after the lock has been handed on is not
// seen: it unlocks the new holder's lock.
func (m *Mutex) Unlock() {
	if m.state.Load() != locked || !m.state.CompareAndSwap(locked, unlocked) {
		m.unlockSlow()
	}
}

// unlockSlow is the slow path of Unlock, outlined so that the fast path can
// be inlined.
func (m *Mutex) unlockSlow() {
	for {
		switch m.state.Load() {
		case unlocked:
			panic("lock: unlock of unlocked mutex")
		case locked:
			if m.state.CompareAndSwap(locked, unlocked) {
				return
			}
		case baton:
			b := m.b.Load()
			select {
			case <-b.c: // hands the lock to the first sender still waiting, if any
			default:
				panic("lock: unlock of unlocked mutex")
			}
			if len(b.c) == 0 {
				m.retire(b)
			}
			return
		default: // converting (a Lock is making the baton around our hold)
			runtime.Gosched()
		}
	}
}

// retire drops the baton b, which the caller's Unlock has just left empty,
// unless a Lock sends on it in the meantime.
func (m *Mutex) retire(b *batonChan) {
	if !m.state.CompareAndSwap(baton, retiring) {
		// A Lock sent on b since our receive, and has already unlocked
		// and dropped b.
		return
	}
	// From here on no Lock that sends on b can see state at baton before we
	// store it: a token that is in b now stays, and one that comes later is
	// taken back if we drop b.
	if m.b.Load() == b && len(b.c) == 0 {
		m.state.Store(unlocked)
		return
	}
	// A Lock's token reached b since our receive, or, as above, b was
	// dropped and another contention has made a new baton, which is not ours
	// to drop.
	m.state.Store(baton)
}

// Locked reports whether the lock is held, including by a waiter that has
// been handed it and has not yet returned from Lock. It is only a snapshot.
func (m *Mutex) Locked() bool {
	for {
		switch m.state.Load() {
		case unlocked:
			return false
		case locked, converting:
			return true
		case baton:
			b := m.b.Load()
			held := len(b.c) != 0
			if m.current(b) {
				return held
			}
		default: // retiring
			runtime.Gosched()
		}
	}
}

// isDone reports whether done is closed, without blocking; never for nil.
func isDone(done <-chan struct{}) bool {
	select {
	case <-done:
		return true
	default:
		return false
	}
}
