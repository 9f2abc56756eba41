package linearize

import (
	"context"
	"errors"
	"fmt"
	"strings"
)

// What the models of blocking calls share: a call's ctx (Ctx), the set of
// calls whose ctx has been cancelled (Cancelled), and the queue of calls that
// wait (Queue). All are values, so that a model's state that holds them can
// be compared with ==, as porcupine does.

// Ctx is the ctx of one blocking call of a round, as the model sees it.
type Ctx struct {
	ID   int    // the blocking call, numbered from 0 in each round; below 64
	Kind string // what the ctx is, for messages
	// Deadline is set for a ctx with a deadline: the model cannot know when
	// the deadline passed, so it accepts DeadlineExceeded at any instant of
	// the call.
	Deadline bool
	// DoneAtEntry is set for a ctx cancelled before the call began. The
	// model holds a call to its cancellation only then (the call must fail):
	// a call that finds what it wants free looks at its ctx and then takes
	// it, and a cancellation between the two is concurrent with the call,
	// which the contract allows to go either way.
	DoneAtEntry bool
}

// Allows reports whether a blocking call with ctx c may return err, where
// cancelled are the calls whose ctx has been cancelled and grantable says
// whether the model would serve the call now: nil only if it would and the
// ctx was not cancelled before the call began; context.Canceled only once
// the ctx has been cancelled; DeadlineExceeded only with a deadline.
func (c Ctx) Allows(err error, cancelled Cancelled, grantable bool) bool {
	switch {
	case err == nil:
		return grantable && !c.DoneAtEntry
	case errors.Is(err, context.Canceled):
		return cancelled.Has(c.ID)
	case errors.Is(err, context.DeadlineExceeded):
		return c.Deadline
	}
	return false
}

// Cancelled is the set of the blocking calls of a round whose ctx has been
// cancelled, bit id for call id: a value, so that a model's state that holds
// it can be compared with ==.
type Cancelled uint64

// With returns the set with call id added.
func (s Cancelled) With(id int) Cancelled { return s | 1<<id }

// Has reports whether call id is in the set.
func (s Cancelled) Has(id int) bool { return s&(1<<id) != 0 }

// String lists the calls, as "#0 #3".
func (s Cancelled) String() string {
	var ids []string
	for id := range 64 {
		if s.Has(id) {
			ids = append(ids, fmt.Sprintf("#%d", id))
		}
	}
	return strings.Join(ids, " ")
}

// MaxWaiters bounds a Queue: each goroutine of a round has at most one
// blocking call in progress, and a round has at most MaxWaiters goroutines.
const MaxWaiters = 4

// Waiter is a blocking call in a model's queue: its ID (Ctx.ID) and, where
// the model needs it, what it asks for (the permits of an AcquireN).
type Waiter struct{ ID, N int }

// Queue is a model's queue of the blocking calls that have joined it and
// not yet returned, in the order they joined: an array, not a slice, so that
// the state that holds it can be compared with ==.
type Queue struct {
	waiters [MaxWaiters]Waiter
	n       int
}

// Len returns how many calls wait.
func (q Queue) Len() int { return q.n }

// Join puts w at the end of the queue, and reports false, leaving the queue
// as it was, when the queue is full.
func (q *Queue) Join(w Waiter) bool {
	if q.n == MaxWaiters {
		return false
	}
	q.waiters[q.n] = w
	q.n++
	return true
}

// Index returns where call id stands in the queue, 0 at the head, or -1.
func (q Queue) Index(id int) int {
	for i := range q.n {
		if q.waiters[i].ID == id {
			return i
		}
	}
	return -1
}

// At returns the waiter at index i.
func (q Queue) At(i int) Waiter { return q.waiters[i] }

// Remove takes the waiter at index i out of the queue.
func (q *Queue) Remove(i int) {
	copy(q.waiters[i:], q.waiters[i+1:q.n])
	q.n--
	q.waiters[q.n] = Waiter{}
}

// String lists the waiters from the head, as "#0 #3", or with what they ask
// for, as "#0:2 #3:1".
func (q Queue) String() string {
	s := make([]string, q.n)
	for i, w := range q.waiters[:q.n] {
		if w.N == 0 {
			s[i] = fmt.Sprintf("#%d", w.ID)
		} else {
			s[i] = fmt.Sprintf("#%d:%d", w.ID, w.N)
		}
	}
	return strings.Join(s, " ")
}
