package pooltest

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/anishathalye/porcupine"
)

// histCall is one call of a linearizable history: its input for porcupine.
// Besides the calls of the goroutines, the history holds the calls the pool
// makes of Config.Open and Config.Close, so that the model knows which
// resources exist without guessing when the pool opens one.
type histCall struct {
	op  string // "Acquire", "Release", "Destroy", "Stats", "Cancel", "ClosePool", "Open" or "Close"
	id  int    // the resource of a Release, Destroy or Close
	ctx int    // the ctx of an Acquire, or the ctx a Cancel cancels
}

// histResult is what a call returned: its output for porcupine.
type histResult struct {
	v   int    // the resource an Acquire or Open returned; Stats().Acquires
	err string // "", or one of the outcomes below
}

// The errors a history tells apart, and "other" for any other error.
const (
	outCanceled = "context.Canceled"
	outDeadline = "context.DeadlineExceeded"
	outClosed   = "ErrClosed"
	outOpen     = "the Open's error"
)

// errOpen is the error of the Opens that fail in a history.
var errOpen = errors.New("pooltest: open failed")

func outcomeOf(err error, impl Impl) string {
	switch {
	case err == nil:
		return ""
	case errors.Is(err, context.Canceled):
		return outCanceled
	case errors.Is(err, context.DeadlineExceeded):
		return outDeadline
	case errors.Is(err, impl.ErrClosed):
		return outClosed
	case errors.Is(err, errOpen):
		return outOpen
	}
	return "other: " + err.Error()
}

// Resource states in histState.status, indexed by id.
const (
	unopened  = iota
	idleRes   // open and free
	inUseRes  // leased
	doomedRes // destroyed, its Close to come
	closedRes
)

// histState is the model's state. Steps copy status before changing it, so
// that states never share what they change.
type histState struct {
	status    []byte // by resource id (ids start at 1)
	live      int    // opened and not yet closed
	openErrs  int    // failed Opens whose error no Acquire has returned yet
	acquires  int
	cancelled uint64 // bit i: ctx i was cancelled
	closed    bool   // Close has been called
}

func (s histState) with(id int, st byte) histState {
	s.status = slices.Clone(s.status)
	for len(s.status) <= id {
		s.status = append(s.status, unopened)
	}
	s.status[id] = st
	return s
}

// is reports whether resource id is in state st.
func (s histState) is(id int, st byte) bool {
	if id < len(s.status) {
		return id > 0 && s.status[id] == st
	}
	return st == unopened
}

// histModel is the sequential model of a pool of at most maxSize resources
// open or being opened, as the linearizable property sees it: an Acquire
// takes an idle resource, which Open made or Release gave back, while its ctx
// is not cancelled and the pool is not closed; an Open needs a free slot; a
// resource is closed once, after Destroy or once the pool is closed. A call
// that fails with its ctx's error changes nothing. Which idle resource an
// Acquire takes, and when the pool opens one, are not modelled: the history
// says.
func histModel(maxSize int) porcupine.Model {
	return porcupine.Model{
		Init: func() any { return histState{} },
		Step: func(state, in, out any) (bool, any) {
			return step(state.(histState), in.(histCall), out.(histResult), maxSize)
		},
		Equal: func(a, b any) bool {
			x, y := a.(histState), b.(histState)
			return x.live == y.live && x.openErrs == y.openErrs && x.acquires == y.acquires &&
				x.cancelled == y.cancelled && x.closed == y.closed && slices.Equal(x.status, y.status)
		},
		DescribeOperation: func(in, out any) string { return describe(in.(histCall), out.(histResult)) },
		DescribeState: func(state any) string {
			s := state.(histState)
			return fmt.Sprintf("status by id %v, %d open, %d Open errors unseen, %d acquires, cancelled %b, closed %v",
				s.status, s.live, s.openErrs, s.acquires, s.cancelled, s.closed)
		},
	}
}

func step(s histState, c histCall, r histResult, maxSize int) (bool, histState) {
	switch c.op {
	case "Cancel":
		s.cancelled |= 1 << c.ctx
		return true, s
	case "Stats":
		return r.v == s.acquires, s
	case "ClosePool":
		s.closed = true
		return r.err == "", s
	case "Open":
		if r.err == outOpen {
			s.openErrs++
			return true, s
		}
		if r.err != "" || !s.is(r.v, unopened) || s.live >= maxSize {
			return false, s
		}
		s.live++
		return true, s.with(r.v, idleRes)
	case "Close":
		if !s.is(c.id, doomedRes) && !(s.closed && s.is(c.id, idleRes)) {
			return false, s
		}
		s.live--
		return true, s.with(c.id, closedRes)
	case "Release", "Destroy":
		if !s.is(c.id, inUseRes) {
			return false, s
		}
		if c.op == "Destroy" {
			return true, s.with(c.id, doomedRes)
		}
		return true, s.with(c.id, idleRes)
	}
	return stepAcquire(s, c, r)
}

func stepAcquire(s histState, c histCall, r histResult) (bool, histState) {
	cancelled := s.cancelled&(1<<c.ctx) != 0
	switch r.err {
	case "":
		if cancelled || s.closed || !s.is(r.v, idleRes) {
			return false, s
		}
		s.acquires++
		return true, s.with(r.v, inUseRes)
	case outCanceled:
		return cancelled, s
	case outDeadline:
		return true, s
	case outClosed:
		return s.closed, s
	case outOpen:
		s.openErrs--
		return s.openErrs >= 0, s
	}
	return false, s
}

func describe(c histCall, r histResult) string {
	var call string
	switch c.op {
	case "Cancel":
		return fmt.Sprintf("cancel ctx %d", c.ctx)
	case "Acquire":
		call = fmt.Sprintf("Acquire with ctx %d", c.ctx)
	case "Release", "Destroy":
		return fmt.Sprintf("%s of resource %d", c.op, c.id)
	case "Close":
		return fmt.Sprintf("(the pool) Config.Close(%d)", c.id)
	case "Open":
		call = "(the pool) Config.Open"
	case "Stats":
		return fmt.Sprintf("Stats() = {Acquires: %d ...}", r.v)
	default:
		call = "Close"
	}
	switch {
	case r.err != "":
		return call + " = " + r.err
	case c.op == "Acquire" || c.op == "Open":
		return fmt.Sprintf("%s = resource %d", call, r.v)
	}
	return call + " = nil"
}
