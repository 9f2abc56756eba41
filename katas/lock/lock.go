// Package lock provides a mutual exclusion lock whose Lock can be cancelled:
// the Go form of Python's asyncio.Lock.
//
// This is the kata: make `go run ./cmd/kata test lock` pass.
// The properties are explained in docs/katas/lock.md.
package lock

import "context"

// A Mutex is a mutual exclusion lock whose Lock can be cancelled. Waiters are
// served in FIFO order: Unlock hands the lock straight to the goroutine that
// has waited longest, so no one (not even TryLock) takes it past a waiter.
//
// The zero value is an unlocked Mutex. A Mutex must not be copied after first
// use. An Unlock "happens before" the Lock or TryLock that next takes the lock.
// As with sync.Mutex, a Mutex is not tied to a goroutine: one goroutine may
// lock it and another unlock it.
type Mutex struct {
	// Your fields here. State each invariant once, above the fields it guards.
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
	panic("lock: Lock is not written yet (docs/katas/lock.md)")
}

// TryLock takes the lock without blocking and reports whether it did. It
// fails while the lock is held or anyone waits for it.
func (m *Mutex) TryLock() bool {
	panic("lock: TryLock is not written yet (docs/katas/lock.md)")
}

// Unlock releases the lock, handing it to the longest waiter if there is one.
// It panics with "lock: unlock of unlocked mutex" if the lock is not held.
func (m *Mutex) Unlock() {
	panic("lock: Unlock is not written yet (docs/katas/lock.md)")
}

// Locked reports whether the lock is held, including by a waiter that has
// been handed it and has not yet returned from Lock. It is only a snapshot.
func (m *Mutex) Locked() bool {
	panic("lock: Locked is not written yet (docs/katas/lock.md)")
}
