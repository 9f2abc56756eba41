package eventtest

import (
	"context"
	"sync"

	"github.com/conckata/conckata/internal/harness"
)

// Peers returns the event kata's peers: an Event built on sync.Cond, woken
// on cancellation by context.AfterFunc as the context package's documentation
// shows. It passes every property.
func Peers() []harness.Peer[Impl] {
	return []harness.Peer[Impl]{{Name: "cond", Impl: Impl{New: NewCond}}}
}

// cond is an Event made of a flag and a sync.Cond. Waiters cannot test the
// flag after waking, as a Clear may already have unset it: they wait instead
// for the count of Sets to change.
type cond struct {
	mu      sync.Mutex // protects the fields below; cond.L
	changed sync.Cond  // broadcast by Set, and by a waiter's ctx when it is done
	set     bool
	sets    uint64 // Sets that found the flag unset: each one releases every waiter
}

// NewCond returns an unset Event built on sync.Cond.
func NewCond() Event {
	e := &cond{}
	e.changed.L = &e.mu
	return e
}

func (e *cond) Set() {
	e.mu.Lock()
	defer e.mu.Unlock()
	if !e.set {
		e.set = true
		e.sets++
		e.changed.Broadcast()
	}
}

func (e *cond) Clear() {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.set = false
}

func (e *cond) IsSet() bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.set
}

// Wait is the waitOnCond of context.AfterFunc's example: sync.Cond cannot
// select on ctx, so a done ctx wakes every waiter, and each one that is not
// its own goes back to sleep.
func (e *cond) Wait(ctx context.Context) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.set {
		return nil
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	stop := context.AfterFunc(ctx, func() {
		e.mu.Lock()
		defer e.mu.Unlock()
		e.changed.Broadcast()
	})
	defer stop()
	for start := e.sets; e.sets == start; {
		e.changed.Wait()
		if e.sets == start && ctx.Err() != nil {
			return ctx.Err()
		}
	}
	return nil
}
