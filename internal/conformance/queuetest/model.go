package queuetest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing/synctest"

	"pgregory.net/rapid"
)

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
