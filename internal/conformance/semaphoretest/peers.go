package semaphoretest

import (
	"context"
	"errors"
	"sync/atomic"

	"github.com/conckata/conckata/internal/harness"
	"golang.org/x/sync/semaphore"
)

// Peers returns the semaphore kata's peers: golang.org/x/sync's
// semaphore.Weighted, and a buffered channel used as a semaphore.
func Peers() []harness.Peer[Impl] {
	nPermits := "a buffered channel hands out one permit per operation: this property needs requests of several permits"
	return []harness.Peer[Impl]{
		{
			Name: "weighted",
			Impl: Impl{New: NewWeighted, ErrTooLarge: errNever},
			Skip: map[string]string{
				"too-large-fails-at-once":  "Weighted has no ErrTooLarge: Acquire(ctx, n) with n > size waits until ctx is done",
				"zero-and-negative-counts": "Weighted.Acquire(ctx, 0) queues behind waiters, and NewWeighted(-1) does not panic",
				"linearizable":             "Weighted hands permits to a waiter whose ctx is already done and takes them back only when that waiter runs; in between the permits are held by no caller, so a TryAcquire fails that no order of the calls explains (in about one run of this property in fifty)",
			},
		},
		{
			Name: "channel",
			Impl: Impl{New: NewChannel, ErrTooLarge: errNever},
			Skip: map[string]string{
				"large-head-blocks-smaller": nPermits,
				"cancelled-head-wakes-next": nPermits,
				"storm-restores-count":      nPermits,
				"too-large-fails-at-once":   nPermits,
				"matches-model":             nPermits,
				"linearizable":              nPermits,
			},
		},
	}
}

// errNever stands for ErrTooLarge in peers that have none.
var errNever = errors.New("semaphoretest: this peer never reports a request as too large")

// weighted adapts x/sync's semaphore.Weighted. Weighted cannot say how many
// permits are free, so the adapter counts the ones it has handed out; the
// count is exact whenever no call is in flight.
type weighted struct {
	w    *semaphore.Weighted
	size int
	held atomic.Int64
}

// NewWeighted returns x/sync's semaphore.Weighted of n permits as a Semaphore.
func NewWeighted(n int) Semaphore { return &weighted{w: semaphore.NewWeighted(int64(n)), size: n} }

func (s *weighted) Acquire(ctx context.Context) error { return s.AcquireN(ctx, 1) }

func (s *weighted) AcquireN(ctx context.Context, n int) error {
	if err := s.w.Acquire(ctx, int64(n)); err != nil {
		return err
	}
	s.held.Add(int64(n))
	return nil
}

func (s *weighted) TryAcquire() bool { return s.TryAcquireN(1) }

func (s *weighted) TryAcquireN(n int) bool {
	ok := s.w.TryAcquire(int64(n))
	if ok {
		s.held.Add(int64(n))
	}
	return ok
}

func (s *weighted) Release() { s.ReleaseN(1) }

func (s *weighted) ReleaseN(n int) {
	s.held.Add(-int64(n)) // before Release, which may hand the permits on at once
	s.w.Release(int64(n))
}

func (s *weighted) Available() int { return s.size - int(s.held.Load()) }

// channel is a buffered channel used as a semaphore of one-permit operations:
// a send takes a permit, a receive gives one back. Blocked senders are served
// in FIFO order and a receive hands the slot to the first of them, so a
// channel has neither barging nor LIFO wake-ups.
type channel struct{ slots chan struct{} }

// NewChannel returns a buffered channel of n slots as a Semaphore that takes
// one permit at a time.
func NewChannel(n int) Semaphore { return &channel{slots: make(chan struct{}, n)} }

func (s *channel) Acquire(ctx context.Context) error { return s.AcquireN(ctx, 1) }

// AcquireN supports n of 0 and 1 only.
func (s *channel) AcquireN(ctx context.Context, n int) error {
	// select picks at random among ready cases: check ctx first so that a
	// done ctx always fails, as the kata requires.
	if err := ctx.Err(); err != nil || n == 0 {
		return err
	}
	mustBeOne(n)
	select {
	case s.slots <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (s *channel) TryAcquire() bool { return s.TryAcquireN(1) }

// TryAcquireN supports n of 1 only.
func (s *channel) TryAcquireN(n int) bool {
	mustBeOne(n)
	select {
	case s.slots <- struct{}{}:
		return true
	default:
		return false
	}
}

func (s *channel) Release() { s.ReleaseN(1) }

// ReleaseN gives back n permits one by one.
func (s *channel) ReleaseN(n int) {
	if n < 0 {
		panic("semaphore: negative count")
	}
	for range n {
		select {
		case <-s.slots:
		default:
			panic("semaphore: released more than held")
		}
	}
}

func (s *channel) Available() int { return cap(s.slots) - len(s.slots) }

func mustBeOne(n int) {
	if n != 1 {
		panic("semaphoretest: the channel peer takes one permit at a time")
	}
}
