// Package event provides a flag that goroutines can wait for, with waits that
// can be cancelled: the Go form of Python's asyncio.Event.
//
// This is the kata: make `go run ./cmd/kata test event` pass.
// The properties are explained in docs/katas/event.md.
package event

import "context"

// An Event is a flag that goroutines can wait for. Set sets it and releases
// every goroutine waiting in Wait; Clear unsets it, so that later Waits block
// until the next Set. A waiter released by a Set stays released, even if
// Clear follows at once.
//
// The zero value is an unset Event, ready to use. An Event must not be copied
// after first use. A call to Set "happens before" the return of every Wait it
// releases and of every Wait that finds the event set.
type Event struct {
	// Your fields here. State each invariant once, above the fields it guards.
}

// Set sets the event and releases every goroutine waiting in Wait. Setting a
// set event does nothing.
func (e *Event) Set() {
	panic("event: Set is not written yet (docs/katas/event.md)")
}

// Clear unsets the event: Waits that start afterwards block until the next
// Set. Waiters already released stay released. Clearing an unset event does
// nothing.
func (e *Event) Clear() {
	panic("event: Clear is not written yet (docs/katas/event.md)")
}

// IsSet reports whether the event is set. It is only a snapshot.
func (e *Event) IsSet() bool {
	panic("event: IsSet is not written yet (docs/katas/event.md)")
}

// Wait blocks until the event is set or ctx is done. It returns nil at once
// if the event is set, even when ctx is already done; otherwise a done ctx
// makes it return ctx.Err(). When the Set and the cancellation come together,
// the Set wins and Wait returns nil. A cancelled Wait leaves nothing behind in
// the event.
func (e *Event) Wait(ctx context.Context) error {
	panic("event: Wait is not written yet (docs/katas/event.md)")
}
