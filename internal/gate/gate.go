// Package gate holds calls of the code under test until the property lets
// them go, so that the property knows exactly which calls are in flight and
// decides how each ends: the pool suite holds the pool's Open calls and
// finishes them one by one, with a resource or an error; the products suite
// holds join queries until several are in flight at once, the proof that
// they overlap, and then lets them all go.
//
// A held call is the fake's side (an Open, a query) calling Hold; the
// property's side calls Calls, Finish, Full and Open.
package gate

import (
	"context"
	"sync"
)

// Gate holds every call to Hold until the property finishes it or opens the
// gate, or until the call's ctx is done. Make it with New; it is safe for
// concurrent use.
type Gate struct {
	ignoreCtx bool
	open      chan struct{} // closed by Open

	mu     sync.Mutex // protects the fields below
	calls  []*Call    // in the order Hold was called
	fullAt int        // Full's count, 0 if none
	full   chan struct{}
	opened bool
}

// Call is one call held by Hold.
type Call struct {
	// Ctx is the ctx the call was held with.
	Ctx      context.Context
	reply    chan error
	finished bool // Finish has sent the reply; under the gate's mu
}

// New returns a gate. With ignoreCtx, held calls do not return when their
// ctx is done, as code that ignores its ctx: only Finish or Open lets them
// go.
func New(ignoreCtx bool) *Gate {
	return &Gate{ignoreCtx: ignoreCtx, open: make(chan struct{})}
}

// Hold holds the call until Finish lets it return the error given, Open lets
// it return nil, or its ctx is done (unless the gate ignores ctxs), when it
// returns ctx.Err().
func (g *Gate) Hold(ctx context.Context) error {
	c := &Call{Ctx: ctx, reply: make(chan error, 1)}
	g.mu.Lock()
	g.calls = append(g.calls, c)
	if len(g.calls) == g.fullAt {
		close(g.full)
	}
	g.mu.Unlock()
	done := ctx.Done()
	if g.ignoreCtx {
		done = nil
	}
	select {
	case err := <-c.reply:
		return err
	case <-g.open:
		return nil
	case <-done:
		return ctx.Err()
	}
}

// Calls returns the calls held so far, finished or not, in the order Hold
// was called.
func (g *Gate) Calls() []*Call {
	g.mu.Lock()
	defer g.mu.Unlock()
	return append([]*Call(nil), g.calls...)
}

// Finish lets the i-th held call (from 0) return err, and reports false if
// fewer calls were held. A call finished twice, or one that has returned,
// is not waited for.
func (g *Gate) Finish(i int, err error) bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	if i < 0 || i >= len(g.calls) {
		return false
	}
	if c := g.calls[i]; !c.finished {
		c.finished = true
		c.reply <- err
	}
	return true
}

// Unfinished returns the indexes of the held calls that Finish has not
// finished.
func (g *Gate) Unfinished() []int {
	g.mu.Lock()
	defer g.mu.Unlock()
	var is []int
	for i, c := range g.calls {
		if !c.finished {
			is = append(is, i)
		}
	}
	return is
}

// Full returns a channel closed once n calls have been held.
func (g *Gate) Full(n int) <-chan struct{} {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.fullAt, g.full = n, make(chan struct{})
	if len(g.calls) >= n {
		close(g.full)
	}
	return g.full
}

// Open lets every held call and every later one return nil, unless Finish
// answered it first. Calling it again does nothing.
func (g *Gate) Open() {
	g.mu.Lock()
	defer g.mu.Unlock()
	if !g.opened {
		g.opened = true
		close(g.open)
	}
}
