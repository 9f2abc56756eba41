package eventtest

import (
	"context"
	"slices"
	"sync"
)

// bugs switches on known bugs in plain.
type bugs struct {
	recheckAfterWake, setWakesOne, keepCancelled, ignoreCtx, unsynchronisedIsSet bool
}

func mutant(b bugs) Impl {
	return Impl{New: func() Event { return &plain{bugs: b} }}
}

// plain is the simplest correct event, one mutex over a flag and a list of
// waiters, into which the bugs are switched.
type plain struct {
	bugs
	mu      sync.Mutex // protects the fields below
	set     bool
	waiters []chan struct{} // one per blocked Wait; Set closes them all
}

func (e *plain) Set() {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.set = true
	if e.setWakesOne && len(e.waiters) > 0 {
		close(e.waiters[0])
		e.waiters = e.waiters[1:]
		return
	}
	for _, w := range e.waiters {
		close(w)
	}
	e.waiters = nil
}

func (e *plain) Clear() {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.set = false
}

func (e *plain) IsSet() bool {
	if e.unsynchronisedIsSet {
		return e.set
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.set
}

func (e *plain) Wait(ctx context.Context) error {
	done := ctx.Done()
	if e.ignoreCtx {
		done = nil
	}
	for {
		e.mu.Lock()
		if e.set {
			e.mu.Unlock()
			return nil
		}
		if err := ctx.Err(); err != nil && !e.ignoreCtx {
			e.mu.Unlock()
			return err
		}
		w := make(chan struct{})
		e.waiters = append(e.waiters, w)
		e.mu.Unlock()

		select {
		case <-w:
			if e.recheckAfterWake && !e.IsSet() {
				continue
			}
			return nil
		case <-done:
			return e.leave(w, ctx.Err())
		}
	}
}

// leave takes a cancelled waiter off the list, unless Set released it first.
func (e *plain) leave(w chan struct{}, err error) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	select {
	case <-w:
		return nil
	default:
	}
	if !e.keepCancelled {
		e.waiters = slices.DeleteFunc(e.waiters, func(x chan struct{}) bool { return x == w })
	}
	return err
}
