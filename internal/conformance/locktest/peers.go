package locktest

import (
	"context"

	"github.com/conckata/conckata/internal/harness"
	"golang.org/x/sync/semaphore"
)

// Peers returns the lock kata's peers: golang.org/x/sync's semaphore.Weighted
// of size 1, and a channel of capacity 1 used as a lock.
func Peers() []harness.Peer[Impl] {
	return []harness.Peer[Impl]{
		{
			Name: "weighted",
			Impl: Impl{New: NewWeighted},
			Skip: map[string]string{
				"unlock-of-unlocked-panics": `Weighted.Release panics with its own message, "semaphore: released more than held", and leaves its count at -1, so the lock is broken after the panic`,
				"linearizable":              "the adapter's Locked takes Weighted's permit and gives it back, so a TryLock at the same moment fails: it is exact only while no other call is in progress; and Weighted hands the permit to a waiter whose ctx is already done, which gives it back only when it runs",
			},
		},
		{Name: "channel", Impl: Impl{New: NewChannel}},
	}
}

// weighted adapts x/sync's semaphore.Weighted of size 1. Weighted hands a
// released permit straight to the head waiter, as the kata's Unlock does.
type weighted struct{ w *semaphore.Weighted }

// NewWeighted returns x/sync's semaphore.Weighted of size 1 as a Mutex.
func NewWeighted() Mutex { return weighted{semaphore.NewWeighted(1)} }

func (m weighted) Lock(ctx context.Context) error { return m.w.Acquire(ctx, 1) }
func (m weighted) TryLock() bool                  { return m.w.TryAcquire(1) }
func (m weighted) Unlock()                        { m.w.Release(1) }

// Locked asks Weighted, which cannot say whether its permit is taken, by
// taking the permit and giving it back. TryAcquire fails while anyone waits,
// so the probe never barges; but a concurrent TryLock may fail while the
// probe holds the permit, so the answer is exact only when no call is in
// flight, as it is in every property that asks.
func (m weighted) Locked() bool {
	if m.w.TryAcquire(1) {
		m.w.Release(1)
		return false
	}
	return true
}

// channel is a channel of capacity 1 used as a lock: a send takes it, a
// receive releases it. Blocked senders are served in FIFO order, and a receive
// moves the first one's value into the buffer, handing the lock straight to
// it, so a channel has neither barging nor LIFO wake-ups.
type channel chan struct{}

// NewChannel returns a channel of capacity 1 as a Mutex.
func NewChannel() Mutex { return make(channel, 1) }

func (m channel) Lock(ctx context.Context) error {
	// select picks at random among ready cases: check ctx first so that a
	// done ctx always fails, as the kata requires.
	if err := ctx.Err(); err != nil {
		return err
	}
	select {
	case m <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (m channel) TryLock() bool {
	select {
	case m <- struct{}{}:
		return true
	default:
		return false
	}
}

func (m channel) Unlock() {
	select {
	case <-m:
	default:
		panic("lock: unlock of unlocked mutex")
	}
}

func (m channel) Locked() bool { return len(m) == 1 }
