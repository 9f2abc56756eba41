// Package taskfake holds the functions that the suites of the task-shaped
// katas (task, ascompleted, wait, shield, gather, executor) hand to the code
// under test: functions that return, fail, panic or exit after a delay, that
// wait for their ctx, that hold until a gate opens (and Gated bubbles that
// open it at their end), and the contexts that end after a delay. The check
// of a *task.PanicError is in taskfake/panicerr, apart, so that the task
// kata's suite, which solutions/task's own tests run, does not import
// solutions/task.
//
// The delays are time.Sleep and timers: inside a testing/synctest bubble
// they run on the bubble's fake clock, so each function ends at exactly the
// moment chosen. Outside a bubble they are real time.
package taskfake

import (
	"context"
	"runtime"
	"sync"
	"testing"
	"testing/synctest"
	"time"
)

// Func is a function of the kind a task runs, at T = int.
type Func = func(context.Context) (int, error)

// After returns a function that returns (v, nil) after d, or (0, ctx.Err())
// if its ctx is done first.
func After(d time.Duration, v int) Func {
	return func(ctx context.Context) (int, error) {
		timer := time.NewTimer(d)
		defer timer.Stop()
		select {
		case <-timer.C:
			return v, nil
		case <-ctx.Done():
			return 0, ctx.Err()
		}
	}
}

// Fail returns a function that returns (0, err) after d, or (0, ctx.Err()) if
// its ctx is done first.
func Fail(d time.Duration, err error) Func {
	return func(ctx context.Context) (int, error) {
		if _, cerr := After(d, 0)(ctx); cerr != nil {
			return 0, cerr
		}
		return 0, err
	}
}

// Ignore returns a function that ignores its ctx: it sleeps d and returns
// (v, err).
func Ignore(d time.Duration, v int, err error) Func {
	return func(context.Context) (int, error) {
		time.Sleep(d)
		return v, err
	}
}

// Panic returns a function that ignores its ctx, sleeps d and panics with
// value.
func Panic(d time.Duration, value any) Func {
	return func(context.Context) (int, error) {
		time.Sleep(d)
		panic(value)
	}
}

// UntilCancelled returns a function that, once its ctx is done, works on for
// cleanup and returns (0, ctx.Err()); if its ctx is not done within limit, it
// returns (v, nil) then.
func UntilCancelled(limit, cleanup time.Duration, v int) Func {
	return func(ctx context.Context) (int, error) {
		timer := time.NewTimer(limit)
		defer timer.Stop()
		select {
		case <-ctx.Done():
			time.Sleep(cleanup)
			return 0, ctx.Err()
		case <-timer.C:
			return v, nil
		}
	}
}

// Linger returns a function that waits for its ctx to be done, however long
// that takes, then works on for cleanup and returns (0, ctx.Err()): a
// function that takes time to clean up. With no timer, it blocks a bubble
// whose code never cancels it, which the harness reports as a deadlock.
func Linger(cleanup time.Duration) Func {
	return func(ctx context.Context) (int, error) {
		<-ctx.Done()
		time.Sleep(cleanup)
		return 0, ctx.Err()
	}
}

// Spin yields the processor n times, as a function that works for a few
// microseconds does, and returns ctx.Err() as soon as it sees its ctx done.
// The storms use it to make calls overlap on real goroutines.
func Spin(ctx context.Context, n int) error {
	for range n {
		if err := ctx.Err(); err != nil {
			return err
		}
		runtime.Gosched()
	}
	return nil
}

// Closed reports whether ch is closed (or has a value ready): a task's Done
// without blocking.
func Closed(ch <-chan struct{}) bool {
	select {
	case <-ch:
		return true
	default:
		return false
	}
}

// A Gate holds functions until the test opens it. Properties defer Open, so
// that a failing implementation still lets every function return and the
// bubble end, and the failure reported is the property's own.
type Gate struct {
	ch   chan struct{}
	once sync.Once
}

// NewGate returns a shut gate.
func NewGate() *Gate { return &Gate{ch: make(chan struct{})} }

// Open opens the gate; opening it again does nothing.
func (g *Gate) Open() { g.once.Do(func() { close(g.ch) }) }

// Opened returns a channel closed once the gate is open.
func (g *Gate) Opened() <-chan struct{} { return g.ch }

// IsOpen reports whether the gate is open.
func (g *Gate) IsOpen() bool { return Closed(g.ch) }

// Gated runs body in a testing/synctest bubble with a new gate, which it
// opens when body returns, so that the functions the gate holds end, and
// the bubble with them, whatever the code under test did.
func Gated(t *testing.T, body func(t *testing.T, g *Gate)) {
	synctest.Test(t, func(t *testing.T) {
		g := NewGate()
		defer g.Open()
		body(t, g)
	})
}

// Work returns a function that returns (v, nil) once g opens, or
// (0, ctx.Err()) if its ctx is done first.
func (g *Gate) Work(v int) Func {
	return func(ctx context.Context) (int, error) {
		select {
		case <-ctx.Done():
			return 0, ctx.Err()
		case <-g.ch:
			return v, nil
		}
	}
}

// A CtxMaker makes the ctx of one case of a property, with its cancel; it is
// called inside the case's bubble, so that its timers are the bubble's.
type CtxMaker = func() (context.Context, context.CancelFunc)

// Live makes a ctx that only its cancel ends.
func Live() (context.Context, context.CancelFunc) {
	return context.WithCancel(context.Background())
}

// Deadline makes a ctx that expires after d.
func Deadline(d time.Duration) CtxMaker {
	return func() (context.Context, context.CancelFunc) { return context.WithTimeout(context.Background(), d) }
}

// CancelAfter makes a ctx that a timer cancels after d, with
// context.Canceled rather than context.DeadlineExceeded.
func CancelAfter(d time.Duration) CtxMaker {
	return func() (context.Context, context.CancelFunc) {
		ctx, cancel := context.WithCancel(context.Background())
		timer := time.AfterFunc(d, cancel)
		return ctx, func() { timer.Stop(); cancel() }
	}
}

// Goexit returns a function that ignores its ctx, sleeps d and calls
// runtime.Goexit, as t.FailNow does in a test: it never returns, so it has
// no result to report.
func Goexit(d time.Duration) Func {
	return func(context.Context) (int, error) {
		time.Sleep(d)
		runtime.Goexit()
		return 0, nil
	}
}
