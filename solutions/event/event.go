// Package event provides a flag that goroutines can wait for, with waits that
// can be cancelled: the Go form of Python's asyncio.Event.
package event

import (
	"context"
	"sync"
	"sync/atomic"
)

// An Event is a flag that goroutines can wait for. Set sets it and releases
// every goroutine waiting in Wait; Clear unsets it, so that later Waits block
// until the next Set. A waiter released by a Set stays released, even if
// Clear follows at once.
//
// The zero value is an unset Event, ready to use. An Event must not be copied
// after first use. A call to Set "happens before" the return of every Wait it
// releases and of every Wait that finds the event set.
type Event struct {
	mu sync.Mutex // protects ch, and makes setting the flag and closing ch one step

	// set is the flag. It becomes true only under mu, in the same step that
	// closes ch; Clear makes it false with a plain atomic store, as there is
	// nothing to release then. Reading it needs no lock, so that IsSet and a
	// Wait on a set event cost one atomic load.
	set atomic.Bool

	// ch is what the current waiters block on: nil until a Wait needs it, then
	// open until Set closes it and drops it. A waiter keeps its own copy, so a
	// Clear right after the Set cannot take the release back, and the next
	// Wait after Clear makes a new channel. Waiters are not registered
	// anywhere else: a cancelled Wait just stops receiving, and leaves nothing
	// behind to remove.
	ch chan struct{}
}

// Set sets the event and releases every goroutine waiting in Wait. Setting a
// set event does nothing.
func (e *Event) Set() {
	if e.set.Load() {
		return
	}
	e.mu.Lock()
	e.set.Store(true)
	if e.ch != nil {
		close(e.ch)
		e.ch = nil
	}
	e.mu.Unlock()
}

// Clear unsets the event: Waits that start afterwards block until the next
// Set. Waiters already released stay released. Clearing an unset event does
// nothing.
func (e *Event) Clear() { e.set.Store(false) }

// IsSet reports whether the event is set. It is only a snapshot.
func (e *Event) IsSet() bool { return e.set.Load() }

// Wait blocks until the event is set or ctx is done. It returns nil at once
// if the event is set, even when ctx is already done; otherwise a done ctx
// makes it return ctx.Err(). When the Set and the cancellation come together,
// the Set wins and Wait returns nil. A cancelled Wait leaves nothing behind in
// the event.
func (e *Event) Wait(ctx context.Context) error {
	if e.set.Load() {
		return nil
	}
	return e.wait(ctx)
}

// wait is the slow path of Wait, outlined so that the fast path can be
// inlined.
func (e *Event) wait(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	e.mu.Lock()
	if e.set.Load() { // set while we took mu
		e.mu.Unlock()
		return nil
	}
	if e.ch == nil {
		e.ch = make(chan struct{})
	}
	ch := e.ch
	e.mu.Unlock()

	select {
	case <-ch:
		return nil
	case <-ctx.Done():
	}
	// select picks at random among ready cases: look at ch once more, so
	// that a waiter the Set reached is released whatever ctx did.
	select {
	case <-ch:
		return nil
	default:
		return ctx.Err()
	}
}
