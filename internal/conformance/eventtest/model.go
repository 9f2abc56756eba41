package eventtest

import (
	"fmt"
	"testing"
	"testing/synctest"

	"github.com/conckata/conckata/internal/bubble"
	"github.com/conckata/conckata/internal/rapidwait"
	"pgregory.net/rapid"
)

// model is the sequential model of an Event: a flag, and the goroutines
// blocked in Wait. Set releases all of them at once; nothing else does,
// except each one's own cancellation.
type model struct {
	set     bool
	waiting []*bubble.Call // Waits blocked until the next Set, in the order they started
	// Waits the model says have returned, that the check has not yet seen.
	released, cancelled []*bubble.Call
	started             []*bubble.Call // every Wait, to end them all at the end
}

func (m *model) String() string {
	return fmt.Sprintf("set=%v, %d waiting", m.set, len(m.waiting))
}

func (m *model) releaseAll() {
	m.released = append(m.released, m.waiting...)
	m.waiting = nil
}

// wait starts a Wait, with a done ctx if done is true, and files it where
// the model says it is: released at once on a set Event, failed at once with
// a done ctx on an unset one, else waiting for the next Set.
func (m *model) wait(e Event, done bool) {
	var w *bubble.Call
	if done {
		w = startWaitDone(e)
	} else {
		w = startWait(e)
	}
	m.started = append(m.started, w)
	switch {
	case m.set:
		m.released = append(m.released, w)
	case done:
		m.cancelled = append(m.cancelled, w)
	default:
		m.waiting = append(m.waiting, w)
	}
}

// abandon ends every Wait, even those a broken Event failed to release, so
// that the bubble can end and the failure is the one reported.
func (m *model) abandon(e Event) { release(e, m.started...) }

// check compares the implementation with the model once the bubble is idle.
func (m *model) check(t *rapid.T, e Event) {
	synctest.Wait()
	for _, w := range m.released {
		if !w.Succeeded() {
			t.Fatalf("a Wait should have been released by a Set (model: %v) but returned=%v err=%v; if Clear followed the Set, see CPython test_clear_with_waiters", m, w.Returned(), w.Err())
		}
	}
	for _, w := range m.cancelled {
		if !rapidwait.Cancelled(w) {
			t.Fatalf("a Wait on an unset Event, cancelled, returned=%v err=%v, want context.Canceled (model: %v)", w.Returned(), w.Err(), m)
		}
	}
	m.released, m.cancelled = nil, nil
	for i, w := range m.waiting {
		if w.Returned() {
			t.Fatalf("waiter %d returned %v, but the model says it still waits for a Set (%v)", i, w.Err(), m)
		}
	}
	if got := e.IsSet(); got != m.set {
		t.Fatalf("IsSet() = %v, model says %v (%v)", got, m.set, m)
	}
}

func matchesModel(t *testing.T, impl Impl) {
	rapidwait.Machine(t, func(t *rapid.T) {
		e := impl.New()
		m := &model{}
		defer m.abandon(e)
		t.Repeat(map[string]func(*rapid.T){
			"Set": func(t *rapid.T) {
				e.Set()
				m.set = true
				m.releaseAll()
			},
			"Clear": func(t *rapid.T) {
				e.Clear()
				m.set = false
			},
			"SetThenClear": func(t *rapid.T) {
				e.Set()
				e.Clear()
				m.releaseAll()
				m.set = false
			},
			"Wait":            func(t *rapid.T) { m.wait(e, false) },
			"WaitWithDoneCtx": func(t *rapid.T) { m.wait(e, true) },
			"cancel": func(t *rapid.T) {
				_, w := rapidwait.Draw(t, &m.waiting)
				w.Cancel()
				m.cancelled = append(m.cancelled, w)
			},
			"": func(t *rapid.T) { m.check(t, e) },
		})
	})
}
