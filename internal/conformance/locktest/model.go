package locktest

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"testing/synctest"

	"github.com/conckata/conckata/internal/bubble"
	"github.com/conckata/conckata/internal/rapidwait"
	"pgregory.net/rapid"
)

// model is the sequential model of a FIFO hand-off lock: whether it is held,
// and the queue of waiters, the head of which is handed the lock next.
type model struct {
	held    bool
	queue   []*bubble.Call // waiters, in arrival order; never non-empty while !held
	granted []*bubble.Call // calls the model gave the lock that the check has not yet seen return
	// cancelled are Locks cancelled while waiting that the check has not yet
	// seen return context.Canceled.
	cancelled []*bubble.Call
	all       []*bubble.Call // every Lock started, so that all of them can be made to return
	names     map[*bubble.Call]string
}

func (m *model) String() string {
	q := make([]string, len(m.queue))
	for i, c := range m.queue {
		q[i] = m.names[c]
	}
	return fmt.Sprintf("held=%v waiting=%v", m.held, q)
}

// start starts a Lock on mu and names it for messages.
func (m *model) start(mu Mutex) *bubble.Call {
	c := startLock(mu)
	m.all = append(m.all, c)
	m.names[c] = fmt.Sprintf("Lock#%d", len(m.all))
	return c
}

// unlock hands the lock to the head waiter, or frees it if no one waits.
func (m *model) unlock() {
	if len(m.queue) == 0 {
		m.held = false
		return
	}
	m.granted = append(m.granted, m.queue[0])
	m.queue = m.queue[1:]
}

// cancel draws a waiter and takes it out of the queue of the model, which
// then expects it to return context.Canceled. The caller cancels it.
func (m *model) cancel(t *rapid.T) *bubble.Call {
	_, c := rapidwait.Draw(t, &m.queue)
	m.cancelled = append(m.cancelled, c)
	return c
}

// abandon makes every Lock return, so that the bubble can end.
func (m *model) abandon(mu Mutex) { finish(mu, m.all...) }

// check compares the implementation with the model once the bubble is idle.
func (m *model) check(t *rapid.T, mu Mutex) {
	synctest.Wait()
	for _, c := range m.granted {
		if !c.Succeeded() {
			t.Fatalf("%s should hold the lock (model: %v) but %s", m.names[c], m, c.Result())
		}
	}
	m.granted = nil
	for _, c := range m.cancelled {
		if !rapidwait.Cancelled(c) {
			t.Fatalf("%s, cancelled while it waited: %s, want context.Canceled; if an Unlock followed the cancel, the lock was not its own (model: %v)", m.names[c], c.Result(), m)
		}
	}
	m.cancelled = nil
	for _, c := range m.queue {
		if c.Returned() {
			t.Fatalf("%s returned (%s); the model says it still waits (%v)", m.names[c], c.Result(), m)
		}
	}
	if got := mu.Locked(); got != m.held {
		t.Fatalf("Locked() = %v, the model says %v (%v)", got, m.held, m)
	}
}

func matchesModel(t *testing.T, impl Impl) {
	rapidwait.Machine(t, func(t *rapid.T) {
		mu := impl.New()
		m := &model{names: map[*bubble.Call]string{}}
		defer m.abandon(mu)
		t.Repeat(map[string]func(*rapid.T){
			"TryLock": func(t *rapid.T) {
				before := m.String()
				want := !m.held
				if got := mu.TryLock(); got != want {
					t.Fatalf("TryLock() = %v, want %v (model before: %s)", got, want, before)
				}
				m.held = true // by the test, or still by its holder
			},
			"Lock": func(t *rapid.T) {
				c := m.start(mu)
				t.Logf("%s started", m.names[c])
				if !m.held {
					m.held = true
					m.granted = append(m.granted, c)
				} else {
					m.queue = append(m.queue, c)
				}
			},
			"Lock with a done ctx": func(t *rapid.T) {
				ctx, cancel := context.WithCancel(context.Background())
				cancel()
				if err := mu.Lock(ctx); !errors.Is(err, context.Canceled) {
					t.Fatalf("Lock with a cancelled ctx returned %v, want context.Canceled (model: %s)", err, m)
				}
			},
			"Unlock": func(t *rapid.T) {
				if !m.held {
					t.Skip("not held")
				}
				mu.Unlock()
				m.unlock()
			},
			"cancel": func(t *rapid.T) {
				m.cancel(t).Cancel()
			},
			// The cancelled waiter has not run when the Unlock comes: the
			// lock must still go past it.
			"cancel, then Unlock": func(t *rapid.T) {
				m.cancel(t).Cancel()
				mu.Unlock()
				m.unlock()
			},
			"": func(t *rapid.T) { m.check(t, mu) },
		})
	})
}
