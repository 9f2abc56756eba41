package queuetest

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"testing"
	"testing/synctest"

	"github.com/conckata/conckata/internal/bubble"
	"pgregory.net/rapid"
)

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

// model is the sequential model of a queue: its items in the order they were
// put, the blocked Gets, Puts and Joins in the order they started waiting,
// the unfinished count and the shutdown flag. An item or a slot goes straight
// to the longest waiter, so getters wait only while items is empty and
// putters only while it is full.
type model struct {
	kind       string // "fifo", "lifo" or "priority"
	maxsize    int    // 0: unbounded
	items      []int
	getters    []*call
	putters    []*call
	joiners    []*call
	unfinished int
	shutdown   bool
	// due are the calls the model says have returned, with what, that the
	// check has not yet looked at.
	due []outcome
}

type outcome struct {
	c   *call
	v   int   // for a Get, the item
	err error // nil, or the error wanted
}

func (m *model) String() string {
	ids := func(cs []*call) []string {
		var s []string
		for _, c := range cs {
			s = append(s, c.Call.Result())
		}
		return s
	}
	return fmt.Sprintf("%s maxsize=%d items=%v unfinished=%d shutdown=%v waiting: getters=%d putters=%v joiners=%d",
		m.kind, m.maxsize, m.items, m.unfinished, m.shutdown, len(m.getters), ids(m.putters), len(m.joiners))
}

func (m *model) full() bool { return m.maxsize > 0 && len(m.items) >= m.maxsize }

// put is TryPut's answer, and the item's hand-off, as the model sees it.
func (m *model) put(v int, errFull, errShutdown error) error {
	switch {
	case m.shutdown:
		return errShutdown
	case len(m.getters) > 0:
		m.due = append(m.due, outcome{c: m.getters[0], v: v})
		m.getters = m.getters[1:]
	case m.full():
		return errFull
	default:
		m.items = append(m.items, v)
	}
	m.unfinished++
	return nil
}

// get is TryGet's answer as the model sees it; ok is false on an empty queue.
func (m *model) get() (v int, ok bool) {
	if len(m.items) == 0 {
		return 0, false
	}
	i := nextIndex(m.kind, m.items)
	v = m.items[i]
	m.items = slices.Delete(m.items, i, i+1)
	if len(m.putters) > 0 { // the slot goes to the longest putter
		p := m.putters[0]
		m.putters = m.putters[1:]
		m.items = append(m.items, p.v)
		m.unfinished++
		m.due = append(m.due, outcome{c: p})
	}
	return v, true
}

func (m *model) taskDone() {
	m.unfinished--
	if m.unfinished == 0 {
		m.releaseJoiners()
	}
}

func (m *model) releaseJoiners() {
	for _, j := range m.joiners {
		m.due = append(m.due, outcome{c: j})
	}
	m.joiners = nil
}

func (m *model) shutDown(immediate bool, errShutdown error) {
	m.shutdown = true
	if immediate && len(m.items) > 0 {
		// TaskDone may run ahead of Get: the count never goes below zero.
		m.unfinished = max(0, m.unfinished-len(m.items))
		m.items = nil
		if m.unfinished == 0 {
			m.releaseJoiners()
		}
	}
	for _, c := range append(m.getters, m.putters...) {
		m.due = append(m.due, outcome{c: c, err: errShutdown})
	}
	m.getters, m.putters = nil, nil
}

// abandon cancels every waiting call, so that the bubble can end.
func (m *model) abandon() {
	for _, cs := range [][]*call{m.getters, m.putters, m.joiners} {
		finish(cs...)
	}
}

// check compares the implementation with the model once the bubble is idle.
func (m *model) check(t *rapid.T, q Queue) {
	synctest.Wait()
	for _, o := range m.due {
		c := o.c
		switch {
		case !c.Returned() || !errors.Is(c.Err(), o.err) || (o.err == nil) != (c.Err() == nil):
			t.Fatalf("%s: %s, the model says it returned %v (%v)", c.op, c.result(), o.err, m)
		case c.op == "Get" && o.err == nil && c.v != o.v:
			t.Fatalf("Get returned %d, the model says %d (%v)", c.v, o.v, m)
		}
	}
	m.due = nil
	for _, cs := range [][]*call{m.getters, m.putters, m.joiners} {
		for i, c := range cs {
			if c.Returned() {
				t.Fatalf("%s number %d in line: %s; the model says it still waits (%v)", c.op, i, c.result(), m)
			}
		}
	}
	if got := q.Len(); got != len(m.items) {
		t.Fatalf("Len() = %d, the model says %d (%v)", got, len(m.items), m)
	}
	if got := q.Cap(); got != m.maxsize {
		t.Fatalf("Cap() = %d, the model says %d (%v)", got, m.maxsize, m)
	}
}

// cancelOne cancels a waiting call drawn at random; the model says it
// returns context.Canceled.
func (m *model) cancelOne(t *rapid.T) {
	lists := []*[]*call{&m.getters, &m.putters, &m.joiners}
	var waiting []*call
	for _, l := range lists {
		waiting = append(waiting, *l...)
	}
	if len(waiting) == 0 {
		t.Skip("no one waits")
	}
	c := rapid.SampledFrom(waiting).Draw(t, "waiter")
	for _, l := range lists {
		*l = slices.DeleteFunc(*l, func(w *call) bool { return w == c })
	}
	c.Cancel()
	m.due = append(m.due, outcome{c: c, err: context.Canceled})
}
