package tasktest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/conckata/conckata/internal/bubble"
)

// fn is the function a task runs, at T = int.
type fn = func(context.Context) (int, error)

// errBoom is a failure that fns return, to tell it from anything else.
var errBoom = errors.New("tasktest: boom")

// call is a blocking call of the API (Wait, WaitFor) running in its own
// goroutine of a bubble. Besides its error it keeps the int it returned,
// when it returned on the bubble's clock, and whether the task it waited
// for was done at that moment.
type call struct {
	*bubble.Call
	name string
	// Written by the call's goroutine before it returns; read once Returned.
	value    int
	at       time.Time
	taskDone bool
}

// start runs f in a bubble.Call about task t, and returns once the bubble
// is idle. It must run in a bubble.
func start(name string, t Task, f func(ctx context.Context) (int, error)) *call {
	c := &call{name: name}
	c.Call = bubble.Start(name, func(ctx context.Context) error {
		v, err := f(ctx)
		c.value, c.at, c.taskDone = v, time.Now(), isDone(t)
		return err
	})
	return c
}

// startWaitFor starts WaitFor(ctx, t, timeout) with a ctx only Cancel cancels.
func startWaitFor(impl Impl, t Task, timeout time.Duration) *call {
	return start(fmt.Sprintf("WaitFor(ctx, t, %v)", timeout), t, func(ctx context.Context) (int, error) {
		return impl.WaitFor(ctx, t, timeout)
	})
}

// String says what became of the call: "WaitFor still waits",
// "Wait returned (7, <nil>)".
func (c *call) String() string {
	if !c.Returned() {
		return c.Result()
	}
	return fmt.Sprintf("%s returned (%d, %v)", c.name, c.value, c.Err())
}

// isDone reports whether t's Done channel is closed.
func isDone(t Task) bool {
	select {
	case <-t.Done():
		return true
	default:
		return false
	}
}

// gate holds fns until the test opens it. Properties defer open, so that a
// failing implementation still lets every fn return and the bubble end, and
// the failure reported is the property's own.
type gate struct {
	ch   chan struct{}
	once sync.Once
}

func newGate() *gate { return &gate{ch: make(chan struct{})} }

func (g *gate) open() { g.once.Do(func() { close(g.ch) }) }

// errGaveUp is what a fn waiting for its ctx returns when the test opens
// its gate instead: the ctx was never cancelled.
var errGaveUp = errors.New("tasktest: the test gave up waiting for the task's ctx to be cancelled")

// job records what a fn saw, for the test to read at any time.
type job struct {
	sawCancel atomic.Bool // the fn's ctx was done when it looked (see each fn)
	stopping  atomic.Bool // the fn has seen its ctx done and is cleaning up
	returned  atomic.Bool // the fn has returned
}

// ignoring returns a fn that ignores its ctx: it returns (v, err) once g is
// open, and records whether its ctx was done by then.
func (j *job) ignoring(g *gate, v int, err error) fn {
	return func(ctx context.Context) (int, error) {
		defer j.returned.Store(true)
		<-g.ch
		j.sawCancel.Store(ctx.Err() != nil)
		return v, err
	}
}

// honouring returns a fn that waits until its ctx is done (or g opens),
// then spends cleanup on the bubble's clock and returns what stop returns
// for the ctx's error: a fn that stops, slowly, when asked.
func (j *job) honouring(g *gate, cleanup time.Duration, stop func(ctxErr error) (int, error)) fn {
	return func(ctx context.Context) (int, error) {
		defer j.returned.Store(true)
		select {
		case <-ctx.Done():
		case <-g.ch:
			return 0, errGaveUp
		}
		j.sawCancel.Store(true)
		j.stopping.Store(true)
		time.Sleep(cleanup)
		return stop(ctx.Err())
	}
}

// stopped is how a fn usually stops: with its ctx's error, wrapped.
func stopped(ctxErr error) (int, error) { return 0, fmt.Errorf("tasktest: stopped: %w", ctxErr) }

// swallow returns how a fn that swallows the cancellation stops: with a
// value and no error.
func swallow(v int) func(error) (int, error) {
	return func(error) (int, error) { return v, nil }
}
