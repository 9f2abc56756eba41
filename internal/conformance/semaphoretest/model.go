package semaphoretest

import (
	"fmt"
	"slices"
	"testing"
	"testing/synctest"

	"github.com/conckata/conckata/internal/rapidwait"
	"pgregory.net/rapid"
)

// model is the sequential model of a FIFO semaphore: a count of free permits
// and a queue of waiters, the head of which is served first and blocks the
// rest until its whole request fits.
type model struct {
	free    int
	held    []int   // sizes of the grants not yet released
	queue   []*call // waiters, in arrival order
	granted []*call // calls the model granted that the check has not yet seen return
	// cancelled are calls cancelled while waiting that the check has not yet
	// seen return context.Canceled.
	cancelled []*call
}

func (m *model) String() string {
	q := make([]int, len(m.queue))
	for i, c := range m.queue {
		q[i] = c.n
	}
	return fmt.Sprintf("free=%d held=%v waiting=%v", m.free, m.held, q)
}

// tryAcquire is TryAcquireN: it never takes a permit while anyone waits.
func (m *model) tryAcquire(k int) bool {
	if len(m.queue) > 0 || k > m.free {
		return false
	}
	m.take(k)
	return true
}

func (m *model) take(k int) {
	m.free -= k
	if k > 0 {
		m.held = append(m.held, k)
	}
}

func (m *model) grant() {
	for len(m.queue) > 0 && m.queue[0].n <= m.free {
		c := m.queue[0]
		m.queue = m.queue[1:]
		m.take(c.n)
		m.granted = append(m.granted, c)
	}
}

// release draws one of the grants held, and frees its permits in the model.
func (m *model) release(t *rapid.T) int {
	i := rapid.IntRange(0, len(m.held)-1).Draw(t, "grant")
	k := m.held[i]
	m.held = slices.Delete(m.held, i, i+1)
	m.free += k
	return k
}

// cancel draws a waiter and takes it out of the queue of the model, which
// then expects it to return context.Canceled. The caller cancels it.
func (m *model) cancel(t *rapid.T) *call {
	_, c := rapidwait.Draw(t, &m.queue)
	m.cancelled = append(m.cancelled, c)
	return c
}

// abandon cancels every waiter, so that the bubble can end.
func (m *model) abandon() {
	for _, c := range m.queue {
		c.Cancel()
	}
	synctest.Wait()
}

// check compares the implementation with the model once the bubble is idle.
func (m *model) check(t *rapid.T, s Semaphore) {
	synctest.Wait()
	for _, c := range m.granted {
		if !c.Succeeded() {
			t.Fatalf("AcquireN(%d) should have been granted (model: %v) but returned=%v err=%v", c.n, m, c.Returned(), c.Err())
		}
	}
	m.granted = nil
	for _, c := range m.cancelled {
		if !rapidwait.Cancelled(c) {
			t.Fatalf("AcquireN(%d), cancelled while it waited: returned=%v err=%v, want context.Canceled; if a Release followed the cancel, the permits were not its own (model: %v)", c.n, c.Returned(), c.Err(), m)
		}
	}
	m.cancelled = nil
	for i, c := range m.queue {
		if c.Returned() {
			t.Fatalf("AcquireN(%d), waiter %d in the queue, returned %v; the model says it still waits (%v)", c.n, i, c.Err(), m)
		}
	}
	if got := s.Available(); got != m.free {
		t.Fatalf("Available() = %d, model says %d (%v)", got, m.free, m)
	}
}

func matchesModel(t *testing.T, impl Impl) {
	rapidwait.Machine(t, func(t *rapid.T) {
		size := rapid.IntRange(1, 4).Draw(t, "size")
		s := impl.New(size)
		m := &model{free: size}
		defer m.abandon()
		t.Repeat(map[string]func(*rapid.T){
			"TryAcquireN": func(t *rapid.T) {
				k := rapid.IntRange(0, size+1).Draw(t, "k")
				before := m.String()
				if got, want := s.TryAcquireN(k), m.tryAcquire(k); got != want {
					t.Fatalf("TryAcquireN(%d) = %v, want %v (model before: %s)", k, got, want, before)
				}
			},
			"AcquireN": func(t *rapid.T) {
				c := startAcquire(s, rapid.IntRange(1, size).Draw(t, "k"))
				m.queue = append(m.queue, c)
				m.grant()
			},
			"ReleaseN": func(t *rapid.T) {
				if len(m.held) == 0 {
					t.Skip("nothing held")
				}
				s.ReleaseN(m.release(t))
				m.grant()
			},
			"cancel": func(t *rapid.T) {
				m.cancel(t).Cancel()
				synctest.Wait()
				m.grant()
			},
			// The cancelled waiter has not run when the Release comes:
			// the permits must still go past it.
			"cancel, then ReleaseN": func(t *rapid.T) {
				if len(m.held) == 0 {
					t.Skip("nothing held")
				}
				c := m.cancel(t)
				c.Cancel()
				s.ReleaseN(m.release(t))
				m.grant()
			},
			"": func(t *rapid.T) { m.check(t, s) },
		})
	})
}
