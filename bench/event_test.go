package bench

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/conckata/conckata/internal/conformance/eventtest"
	kata "github.com/conckata/conckata/katas/event"
	"github.com/conckata/conckata/solutions/event"
)

var events = []impl[eventtest.Event]{
	{"reference", func() eventtest.Event { return new(event.Event) }},
	{"cond", eventtest.NewCond},
	{"kata", func() eventtest.Event { return new(kata.Event) }},
}

func probeEvent(e eventtest.Event) {
	e.Set()
	e.Clear()
	e.IsSet()
	e.Set()
	_ = e.Wait(context.Background())
}

// broadcastWaiters is how many goroutines one Set releases in op=broadcast.
const broadcastWaiters = 8

// BenchmarkEvent measures Wait on a set Event, the fast path of a "done"
// flag (op=wait-set); Set then Clear with no one waiting (op=set-clear); and
// a round in which one Set releases eight waiting goroutines and each one
// reports back (op=broadcast).
func BenchmarkEvent(b *testing.B) {
	ctx := context.Background()
	b.Run("op=wait-set", func(b *testing.B) {
		run(b, events, probeEvent, func(b *testing.B, e eventtest.Event) {
			e.Set()
			for b.Loop() {
				if err := e.Wait(ctx); err != nil {
					b.Fatal(err)
				}
			}
		})
	})
	b.Run("op=set-clear", func(b *testing.B) {
		run(b, events, probeEvent, func(b *testing.B, e eventtest.Event) {
			for b.Loop() {
				e.Set()
				e.Clear()
			}
		})
	})
	b.Run("op=broadcast", func(b *testing.B) {
		run(b, eventPairs(), func(p [2]eventtest.Event) { probeEvent(p[0]) }, broadcast)
	})
}

// eventPairs gives each implementation of events as two Events.
func eventPairs() []impl[[2]eventtest.Event] {
	var pairs []impl[[2]eventtest.Event]
	for _, im := range events {
		pairs = append(pairs, impl[[2]eventtest.Event]{im.name, func() [2]eventtest.Event {
			return [2]eventtest.Event{im.new(), im.new()}
		}})
	}
	return pairs
}

// broadcast runs rounds of one Set releasing broadcastWaiters goroutines.
// Round r sets ev[r%2]; the waiters then wait on the other event, which was
// cleared before the Set, so no round can run into the next. A waiter that
// reaches Wait after the Set passes it at once: the rounds measure the
// release of whoever is there, as a real broadcast does.
func broadcast(b *testing.B, ev [2]eventtest.Event) {
	ctx := context.Background()
	var arrived, exited sync.WaitGroup
	var stop atomic.Bool
	for range broadcastWaiters {
		exited.Go(func() {
			for r := 0; ; r++ {
				if err := ev[r%2].Wait(ctx); err != nil {
					b.Error(err)
				}
				done := stop.Load()
				arrived.Done()
				if done {
					return
				}
			}
		})
	}
	round := func(r int) {
		ev[(r+1)%2].Clear()
		arrived.Add(broadcastWaiters)
		ev[r%2].Set()
		arrived.Wait()
	}
	r := 0
	for b.Loop() {
		round(r)
		r++
	}
	stop.Store(true)
	round(r)
	exited.Wait()
}
