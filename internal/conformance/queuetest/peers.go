package queuetest

import (
	"context"
	"errors"

	"github.com/conckata/conckata/internal/harness"
)

// Peers returns the queue kata's peer: a buffered channel used as a bounded
// FIFO queue.
func Peers() []harness.Peer[Impl] {
	noKind := "a channel is a FIFO queue only: it has no LIFO or priority order"
	noTasks := "a channel keeps no count of unfinished tasks: it has no TaskDone or Join"
	noShutdown := "a channel has no shutdown: close fails the receives only once drained, as Shutdown(false) does, but makes every send panic, blocked ones too"
	return []harness.Peer[Impl]{{
		Name: "channel",
		Impl: Impl{NewFIFO: NewChannel, ErrEmpty: errChanEmpty, ErrFull: errChanFull, ErrShutdown: errNever},
		Skip: map[string]string{
			"lifo-order":                       noKind,
			"priority-order-is-stable":         noKind,
			"matches-model-lifo":               noKind,
			"matches-model-priority":           noKind,
			"unbounded-never-full":             "a channel's buffer is fixed when it is made: it cannot be unbounded",
			"join-waits-for-task-done":         noTasks,
			"task-done-too-many-panics":        noTasks,
			"shutdown-drains-then-fails":       noShutdown,
			"shutdown-immediate-drops-items":   noShutdown,
			"matches-model-tasks-and-shutdown": noTasks + "; " + noShutdown,
			"linearizable":                     noKind + "; and a select whose ctx is done by the time it starts, with an item ready, picks either case: a Get cancelled while it starts may take an item that came after the cancellation, which the model forbids",
		},
	}}
}

var (
	errChanEmpty = errors.New("channel: empty")
	errChanFull  = errors.New("channel: full")
	// errNever stands for ErrShutdown: a channel never reports one.
	errNever = errors.New("queuetest: the channel peer is never shut down")
)

// channel is a buffered channel used as a FIFO queue. Blocked receivers and
// blocked senders are served in FIFO order, a send hands its value straight
// to the first blocked receiver, and a receive from a full buffer moves the
// first blocked sender's value in: the queue's hand-offs exactly.
type channel struct{ items chan int }

// NewChannel returns a buffered channel of maxsize slots as a Queue. It
// panics if maxsize <= 0: a channel cannot be unbounded.
func NewChannel(maxsize int) Queue {
	if maxsize <= 0 {
		panic("queuetest: the channel peer cannot be unbounded")
	}
	return &channel{items: make(chan int, maxsize)}
}

func (c *channel) Put(ctx context.Context, v int) error {
	// select picks at random among ready cases: check ctx first so that a
	// done ctx always fails, as the kata requires.
	if err := ctx.Err(); err != nil {
		return err
	}
	select {
	case c.items <- v:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (c *channel) TryPut(v int) error {
	select {
	case c.items <- v:
		return nil
	default:
		return errChanFull
	}
}

func (c *channel) Get(ctx context.Context) (int, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	select {
	case v := <-c.items:
		return v, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

func (c *channel) TryGet() (int, error) {
	select {
	case v := <-c.items:
		return v, nil
	default:
		return 0, errChanEmpty
	}
}

func (c *channel) Len() int { return len(c.items) }
func (c *channel) Cap() int { return cap(c.items) }

func (c *channel) TaskDone()                  { panic("queuetest: a channel has no TaskDone") }
func (c *channel) Join(context.Context) error { panic("queuetest: a channel has no Join") }
func (c *channel) Shutdown(bool)              { panic("queuetest: a channel has no Shutdown") }
