package semaphoretest

import (
	"context"
	"errors"
	"slices"
	"sync"
)

// bugs switches on known bugs in plain.
type bugs struct {
	noNotifyOnCancel, loseRacedPermit, barging, wakeToRetry, lifo, extraPermit, acceptOverRelease, ignoreDoneAtEntry, grantAfterCancel bool
}

var errTooLarge = errors.New("plain: too large")

func mutant(b bugs) Impl {
	return Impl{
		New: func(n int) Semaphore {
			if n < 0 {
				panic("semaphore: negative size")
			}
			if b.extraPermit {
				n++
			}
			return &plain{bugs: b, size: n, free: n}
		},
		ErrTooLarge: errTooLarge,
	}
}

// plain is the simplest correct semaphore, one mutex over everything, into
// which the bugs are switched.
type plain struct {
	bugs
	mu    sync.Mutex // protects the fields below
	size  int
	free  int
	queue []*plainWaiter // queue[0] is served first
}

type plainWaiter struct {
	n     int
	ready chan struct{}   // closed when granted (wake-to-retry: when woken)
	done  <-chan struct{} // its ctx's Done: grant skips the waiter once it is closed
}

func (s *plain) Acquire(ctx context.Context) error { return s.AcquireN(ctx, 1) }

func (s *plain) AcquireN(ctx context.Context, n int) error {
	if n < 0 {
		panic("semaphore: negative count")
	}
	if err := ctx.Err(); err != nil && !s.ignoreDoneAtEntry {
		return err
	}
	s.mu.Lock()
	if n > s.size {
		s.mu.Unlock()
		return errTooLarge
	}
	if n == 0 || len(s.queue) == 0 && s.free >= n {
		s.free -= n
		s.mu.Unlock()
		return nil
	}
	w := &plainWaiter{n: n, ready: make(chan struct{}), done: ctx.Done()}
	if s.lifo {
		s.queue = slices.Insert(s.queue, 0, w)
	} else {
		s.queue = append(s.queue, w)
	}
	for {
		s.mu.Unlock()
		select {
		case <-w.ready:
			if !s.wakeToRetry {
				return nil
			}
			if s.retry(w) {
				return nil
			}
			continue
		case <-ctx.Done():
		}
		break
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	select {
	case <-w.ready:
		if s.loseRacedPermit {
			return ctx.Err()
		}
		if s.wakeToRetry { // woken, not granted: pass the wake-up on
			s.grant()
			return ctx.Err()
		}
		return nil
	default:
	}
	s.queue = slices.DeleteFunc(s.queue, func(q *plainWaiter) bool { return q == w })
	if !s.noNotifyOnCancel {
		s.grant()
	}
	return ctx.Err()
}

func (s *plain) TryAcquire() bool { return s.TryAcquireN(1) }

func (s *plain) TryAcquireN(n int) bool {
	if n < 0 {
		panic("semaphore: negative count")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	ok := (len(s.queue) == 0 || s.barging) && s.free >= n
	if ok {
		s.free -= n
	}
	return ok
}

func (s *plain) Release() { s.ReleaseN(1) }

func (s *plain) ReleaseN(n int) {
	if n < 0 {
		panic("semaphore: negative count")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.free+n > s.size && !s.acceptOverRelease {
		panic("semaphore: released more than held")
	}
	s.free += n
	s.grant()
}

// grant serves the waiters from the head while they fit. A waiter whose ctx
// is done is dropped instead: it was cancelled before this grant, and returns
// ctx.Err() when it runs. Under raced-grant-loses-permit and
// grant-after-cancel the grant ignores ctx, as x/sync's did.
func (s *plain) grant() {
	for len(s.queue) > 0 {
		if isDone(s.queue[0].done) && !s.grantAfterCancel && !s.loseRacedPermit {
			s.queue = s.queue[1:]
			continue
		}
		if s.queue[0].n > s.free {
			return
		}
		if s.wakeToRetry { // wake it to try for the permits itself
			close(s.queue[0].ready)
			s.queue = s.queue[1:]
			return
		}
		s.free -= s.queue[0].n
		close(s.queue[0].ready)
		s.queue = s.queue[1:]
	}
}

// retry is a woken waiter's attempt, under the wake-to-retry bug, to take
// the permits it was told are free. If someone took them first, it queues
// again at the head and returns false with mu held.
func (s *plain) retry(w *plainWaiter) bool {
	s.mu.Lock()
	if s.free >= w.n {
		s.free -= w.n
		s.mu.Unlock()
		return true
	}
	w.ready = make(chan struct{})
	s.queue = slices.Insert(s.queue, 0, w)
	return false
}

func (s *plain) Available() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.free
}

func isDone(done <-chan struct{}) bool {
	select {
	case <-done:
		return true
	default:
		return false
	}
}
