package bench

import (
	"container/heap"
	"context"
	"math/rand/v2"
	"sync"
	"testing"

	"github.com/conckata/conckata/internal/conformance/queuetest"
	kata "github.com/conckata/conckata/katas/queue"
	"github.com/conckata/conckata/solutions/queue"
)

// queueSize bounds the FIFO queues: room enough that no Put waits.
const queueSize = 1024

var fifoQueues = []impl[queuetest.Queue]{
	{"reference", func() queuetest.Queue { return queue.NewFIFO[int](queueSize) }},
	{"channel", func() queuetest.Queue { return queuetest.NewChannel(queueSize) }},
	{"bare-channel", func() queuetest.Queue { return make(bareChannel, queueSize) }},
	{"kata", func() queuetest.Queue { return kata.NewFIFO[int](queueSize) }},
}

// handoffQueues hold one item, so that a Put and a Get running at once
// mostly meet as waiter and hand-off. The bare channel cannot take part: its
// Put ignores ctx, so the producer could not be stopped.
var handoffQueues = []impl[queuetest.Queue]{
	{"reference", func() queuetest.Queue { return queue.NewFIFO[int](1) }},
	{"channel", func() queuetest.Queue { return queuetest.NewChannel(1) }},
	{"kata", func() queuetest.Queue { return kata.NewFIFO[int](1) }},
}

func intLess(a, b int) bool { return a < b }

var priorityQueues = []impl[queuetest.Queue]{
	{"reference", func() queuetest.Queue { return queue.NewPriority(0, intLess) }},
	{"heap-mutex", func() queuetest.Queue { return new(heapQueue) }},
	{"kata", func() queuetest.Queue { return kata.NewPriority(0, intLess) }},
}

func probeQueue(q queuetest.Queue) {
	if q.TryPut(1) == nil {
		q.TryGet()
	}
}

// BenchmarkQueue measures a Put followed by a Get, through the same interface
// for every implementation. op=fifo: by one goroutine on a FIFO queue, against
// a buffered channel, with a select on ctx.Done as a cancellable Put and Get
// need (impl=channel, the peer) and without (impl=bare-channel, the floor). op=fifo-parallel: the same by every P at once, so that
// the goroutines compete for the queue. op=handoff: a Get, with a
// cancellable ctx, against a goroutine that Puts as fast as it can into a
// queue of one, so that most calls wait or serve a waiter. op=priority: by one goroutine on a
// priority queue holding priorityItems items with random keys, against
// container/heap under a sync.Mutex (the floor, not a peer: it is neither
// stable nor blocking).
func BenchmarkQueue(b *testing.B) {
	ctx := context.Background()
	b.Run("op=fifo", func(b *testing.B) {
		run(b, fifoQueues, probeQueue, func(b *testing.B, q queuetest.Queue) {
			for b.Loop() {
				putGet(b, ctx, q, 1)
			}
		})
	})
	b.Run("op=fifo-parallel", func(b *testing.B) {
		run(b, fifoQueues, probeQueue, func(b *testing.B, q queuetest.Queue) {
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					putGet(b, ctx, q, 1)
				}
			})
		})
	})
	b.Run("op=handoff", func(b *testing.B) {
		run(b, handoffQueues, probeQueue, func(b *testing.B, q queuetest.Queue) {
			ctx, cancel := context.WithCancel(ctx)
			var producer sync.WaitGroup
			producer.Go(func() {
				for q.Put(ctx, 1) == nil {
				}
			})
			for b.Loop() {
				if _, err := q.Get(ctx); err != nil {
					b.Fatal(err)
				}
			}
			cancel()
			producer.Wait()
		})
	})
	b.Run("op=priority", func(b *testing.B) {
		run(b, priorityQueues, probeQueue, func(b *testing.B, q queuetest.Queue) {
			r := rand.New(rand.NewPCG(1, 2))
			for range priorityItems {
				q.TryPut(r.IntN(1 << 20))
			}
			keys := make([]int, 4096)
			for i := range keys {
				keys[i] = r.IntN(1 << 20)
			}
			i := 0
			for b.Loop() {
				putGet(b, ctx, q, keys[i&(len(keys)-1)])
				i++
			}
		})
	})
}

// priorityItems is the size of the heap the priority benchmark works on.
const priorityItems = 1000

func putGet(b *testing.B, ctx context.Context, q queuetest.Queue, v int) {
	if err := q.Put(ctx, v); err != nil {
		b.Fatal(err)
	}
	if _, err := q.Get(ctx); err != nil {
		b.Fatal(err)
	}
}

// bareChannel is a buffered channel with plain sends and receives: the floor,
// not a peer, since its Put and Get cannot be cancelled and ignore ctx.
type bareChannel chan int

func (c bareChannel) Put(_ context.Context, v int) error { c <- v; return nil }
func (c bareChannel) TryPut(v int) error                 { c <- v; return nil }
func (c bareChannel) Get(context.Context) (int, error)   { return <-c, nil }
func (c bareChannel) TryGet() (int, error)               { return <-c, nil }
func (c bareChannel) Len() int                           { return len(c) }
func (c bareChannel) Cap() int                           { return cap(c) }
func (c bareChannel) TaskDone()                          {}
func (c bareChannel) Join(context.Context) error         { return nil }
func (c bareChannel) Shutdown(bool)                      {}

// heapQueue is container/heap under a sync.Mutex, behind the kata's API for
// the calls the benchmark makes: Put never waits (unbounded) and Get fails on
// an empty queue instead of waiting.
type heapQueue struct {
	mu    sync.Mutex
	items intHeap
}

func (q *heapQueue) Put(_ context.Context, v int) error { return q.TryPut(v) }

func (q *heapQueue) TryPut(v int) error {
	q.mu.Lock()
	heap.Push(&q.items, v)
	q.mu.Unlock()
	return nil
}

func (q *heapQueue) Get(context.Context) (int, error) { return q.TryGet() }

func (q *heapQueue) TryGet() (int, error) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if len(q.items) == 0 {
		return 0, queue.ErrEmpty
	}
	return heap.Pop(&q.items).(int), nil
}

func (q *heapQueue) Len() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return len(q.items)
}

func (q *heapQueue) Cap() int                   { return 0 }
func (q *heapQueue) TaskDone()                  {}
func (q *heapQueue) Join(context.Context) error { return nil }
func (q *heapQueue) Shutdown(bool)              {}

type intHeap []int

func (h intHeap) Len() int           { return len(h) }
func (h intHeap) Less(i, j int) bool { return h[i] < h[j] }
func (h intHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *intHeap) Push(x any)        { *h = append(*h, x.(int)) }
func (h *intHeap) Pop() any {
	old := *h
	v := old[len(old)-1]
	*h = old[:len(old)-1]
	return v
}
