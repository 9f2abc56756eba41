package queuetest

import (
	"errors"
	"maps"
	"testing"

	"github.com/conckata/conckata/internal/bubble"
	"pgregory.net/rapid"
)

// newQueue makes a queue of the given kind.
func newQueue(impl Impl, kind string, maxsize int) Queue {
	switch kind {
	case "lifo":
		return impl.NewLIFO(maxsize)
	case "priority":
		return impl.NewPriority(maxsize, byKey)
	}
	return impl.NewFIFO(maxsize)
}

func matchesModelFIFO(t *testing.T, impl Impl)     { matchesModel(t, impl, "fifo", false) }
func matchesModelLIFO(t *testing.T, impl Impl)     { matchesModel(t, impl, "lifo", false) }
func matchesModelPriority(t *testing.T, impl Impl) { matchesModel(t, impl, "priority", false) }

func matchesModelTasksAndShutdown(t *testing.T, impl Impl) { matchesModel(t, impl, "", true) }

// matchesModel runs a state machine against the model, one call at a time.
// With kind "" it draws the kind; all adds TaskDone, Join and Shutdown to the
// actions, and lets the queue be unbounded.
func matchesModel(t *testing.T, impl Impl, kind string, all bool) {
	rapid.Check(t, func(t *rapid.T) {
		rapid.SyncTest(t, func(t *rapid.T) {
			m := &model{kind: kind}
			if kind == "" {
				m.kind = rapid.SampledFrom([]string{"fifo", "lifo", "priority"}).Draw(t, "kind")
			}
			m.maxsize = rapid.IntRange(1, 3).Draw(t, "maxsize")
			if all {
				m.maxsize = rapid.IntRange(0, 3).Draw(t, "maxsize")
			}
			q := newQueue(impl, m.kind, m.maxsize)
			defer m.abandon()
			actions := callActions(m, q, impl)
			if all {
				maps.Copy(actions, taskActions(m, q, impl))
			}
			t.Repeat(actions)
		})
	})
}

// callActions are the state machine's Put, TryPut, Get, TryGet and cancel
// actions, and the check after each.
func callActions(m *model, q Queue, impl Impl) map[string]func(*rapid.T) {
	serial := 0
	item := func(t *rapid.T) int { // unique, with a key of 0..2 for priority queues
		serial++
		return rapid.IntRange(0, 2).Draw(t, "key")*keyed + serial
	}
	return map[string]func(*rapid.T){
		"TryPut": func(t *rapid.T) {
			v := item(t)
			before := m.String()
			if got, want := q.TryPut(v), m.put(v, impl.ErrFull, impl.ErrShutdown); !sameErr(got, want) {
				t.Fatalf("TryPut(%d) = %v, want %v (model before: %s)", v, got, want, before)
			}
		},
		"Put": func(t *rapid.T) {
			v := item(t)
			c := startPut(q, v)
			if err := m.put(v, errWait, impl.ErrShutdown); err == errWait {
				m.putters = append(m.putters, c)
			} else {
				m.due = append(m.due, outcome{c: c, err: err})
			}
		},
		"TryGet": func(t *rapid.T) {
			before := m.String()
			v, err := q.TryGet()
			want, ok := m.get()
			switch {
			case ok && (err != nil || v != want):
				t.Fatalf("TryGet() = (%d, %v), want (%d, nil) (model before: %s)", v, err, want, before)
			case !ok && m.shutdown && !errors.Is(err, impl.ErrShutdown):
				t.Fatalf("TryGet() = (%d, %v), want ErrShutdown (model before: %s)", v, err, before)
			case !ok && !m.shutdown && !errors.Is(err, impl.ErrEmpty):
				t.Fatalf("TryGet() = (%d, %v), want ErrEmpty (model before: %s)", v, err, before)
			}
		},
		"Get": func(t *rapid.T) {
			c := startGet(q)
			switch v, ok := m.get(); {
			case ok:
				m.due = append(m.due, outcome{c: c, v: v})
			case m.shutdown:
				m.due = append(m.due, outcome{c: c, err: impl.ErrShutdown})
			default:
				m.getters = append(m.getters, c)
			}
		},
		"cancel": m.cancelOne,
		"":       func(t *rapid.T) { m.check(t, q) },
	}
}

// taskActions are the state machine's TaskDone, Join and Shutdown actions.
func taskActions(m *model, q Queue, impl Impl) map[string]func(*rapid.T) {
	return map[string]func(*rapid.T){
		"TaskDone": func(t *rapid.T) {
			p := bubble.Panics(q.TaskDone)
			if m.unfinished == 0 {
				if p == nil {
					t.Fatalf("TaskDone() with no unfinished item did not panic (model: %s)", m)
				}
				return
			}
			if p != nil {
				t.Fatalf("TaskDone() with %d unfinished items panicked: %v (model: %s)", m.unfinished, p, m)
			}
			m.taskDone()
		},
		"Join": func(t *rapid.T) {
			c := startJoin(q)
			if m.unfinished == 0 {
				m.due = append(m.due, outcome{c: c})
			} else {
				m.joiners = append(m.joiners, c)
			}
		},
		"Shutdown": func(t *rapid.T) {
			immediate := rapid.Bool().Draw(t, "immediate")
			q.Shutdown(immediate)
			m.shutDown(immediate, impl.ErrShutdown)
		},
	}
}

// errWait stands for "Put waits" in the model's answer to a Put.
var errWait = errors.New("queuetest: the Put waits")

func sameErr(got, want error) bool {
	if want == nil {
		return got == nil
	}
	return errors.Is(got, want)
}
