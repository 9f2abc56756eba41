package pooltest

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"testing/synctest"

	"github.com/conckata/conckata/internal/rapidwait"
	"pgregory.net/rapid"
)

// model is the sequential model of a FIFO pool whose opens succeed at once:
// counts of idle and leased resources, the queue of waiters, and the totals.
type model struct {
	min, max int
	idle     int
	inUse    int
	queue    []*acquire // waiters, in arrival order
	granted  []*acquire // calls the model served that the check has not yet seen return
	held     []Lease    // leases out, in the order they were seen
	opened   int64
	closed   int64
	acquires int64
}

func (m *model) String() string {
	return fmt.Sprintf("MinSize=%d MaxSize=%d idle=%d inUse=%d waiting=%d", m.min, m.max, m.idle, m.inUse, len(m.queue))
}

func (m *model) stats() Stats {
	return Stats{Open: m.idle + m.inUse, Idle: m.idle, InUse: m.inUse, Waiting: len(m.queue),
		Opened: m.opened, Closed: m.closed, Acquires: m.acquires}
}

// serve hands a resource, already counted in inUse, to the head waiter.
func (m *model) serve() {
	m.acquires++
	m.granted = append(m.granted, m.queue[0])
	m.queue = m.queue[1:]
}

// give puts a resource that is not in use back: to the head waiter, or idle.
func (m *model) give() {
	if len(m.queue) > 0 {
		m.inUse++
		m.serve()
		return
	}
	m.idle++
}

// refill opens for the waiters while slots are free, then up to MinSize.
func (m *model) refill() {
	for len(m.queue) > 0 && m.idle+m.inUse < m.max {
		m.opened++
		m.give()
	}
	for m.idle+m.inUse < m.min {
		m.opened++
		m.give()
	}
}

// check compares the pool with the model once the bubble is idle.
func (m *model) check(t *rapid.T, p Pool) {
	synctest.Wait()
	for _, a := range m.granted {
		if !a.Succeeded() || a.lease == nil {
			t.Fatalf("an Acquire the model served (%v) %s", m, a.Result())
		}
		m.held = append(m.held, a.lease)
	}
	m.granted = nil
	for i, a := range m.queue {
		if a.Returned() {
			t.Fatalf("waiter %d of %d %s; the model says it still waits (%v)", i, len(m.queue), a.Result(), m)
		}
	}
	if got, want := p.Stats(), m.stats(); got != want {
		t.Fatalf("Stats() = %s, the model says %s (%v)", statsString(got), statsString(want), m)
	}
}

func matchesModel(t *testing.T, impl Impl) {
	rapidwait.Machine(t, func(t *rapid.T) {
		minSize := rapid.IntRange(0, 2).Draw(t, "MinSize")
		maxSize := rapid.IntRange(max(1, minSize), 3).Draw(t, "MaxSize")
		r := newResources()
		p, err := impl.New(context.Background(), r.config(minSize, maxSize))
		if err != nil {
			t.Fatalf("New(MinSize %d, MaxSize %d) = %v", minSize, maxSize, err)
		}
		m := &model{min: minSize, max: maxSize, idle: minSize, opened: int64(minSize)}
		defer m.finish(t, p, r)
		t.Repeat(map[string]func(*rapid.T){
			"Acquire": func(t *rapid.T) {
				m.queue = append(m.queue, startAcquire(p))
				if m.idle > 0 {
					m.idle--
					m.inUse++
					m.serve()
				} else {
					m.refill()
				}
			},
			"Release": func(t *rapid.T) { m.drop(t, "Release", Lease.Release) },
			"Destroy": func(t *rapid.T) {
				m.drop(t, "Destroy", Lease.Destroy)
				m.closed++
				m.refill()
			},
			"cancel": func(t *rapid.T) {
				i, a := rapidwait.Draw(t, &m.queue)
				a.Cancel()
				synctest.Wait()
				if !rapidwait.Cancelled(a) {
					t.Fatalf("waiter %d cancelled: %s, want context.Canceled (%v)", i, a.Result(), m)
				}
			},
			"": func(t *rapid.T) { m.check(t, p) },
		})
	})
}

// drop releases or destroys one of the leases out.
func (m *model) drop(t *rapid.T, what string, f func(Lease)) {
	if len(m.held) == 0 {
		t.Skip("no lease out")
	}
	i := rapid.IntRange(0, len(m.held)-1).Draw(t, "lease")
	l := m.held[i]
	m.held = slices.Delete(m.held, i, i+1)
	f(l)
	m.inUse--
	if what == "Release" {
		m.give()
	}
}

// finish cancels the waiters, releases the leases and closes the pool, so
// that the bubble can end, and checks that everything was closed once.
func (m *model) finish(t *rapid.T, p Pool, r *resources) {
	for _, a := range m.queue {
		a.Cancel()
	}
	synctest.Wait()
	for _, a := range append(m.queue, m.granted...) {
		if a.Succeeded() && a.lease != nil {
			m.held = append(m.held, a.lease)
		}
	}
	for _, l := range m.held {
		l.Release()
	}
	if err := p.Close(context.Background()); err != nil {
		t.Errorf("Close after the sequence = %v, want nil", err)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	for id := 1; id <= r.next; id++ {
		if r.closes[id] != 1 {
			t.Errorf("after Close, resource %d was closed %d times, want once", id, r.closes[id])
		}
	}
}
