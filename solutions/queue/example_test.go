package queue_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/conckata/conckata/solutions/queue"
)

// Three workers drain a queue of jobs, as in the worker pool of asyncio's
// Queue documentation: the main goroutine waits with Join until every job is
// done, then stops the workers with Shutdown, where Python cancels them.
func Example() {
	ctx := context.Background()
	jobs := queue.NewFIFO[int](0)
	for n := 1; n <= 20; n++ {
		jobs.Put(ctx, n)
	}

	var total atomic.Int64
	var stopped atomic.Int32
	var wg sync.WaitGroup
	for range 3 {
		wg.Go(func() {
			for {
				n, err := jobs.Get(ctx)
				if errors.Is(err, queue.ErrShutdown) {
					stopped.Add(1)
					return
				}
				total.Add(int64(n)) // the work
				jobs.TaskDone()
			}
		})
	}

	jobs.Join(ctx) // every job was taken and marked done
	fmt.Println("jobs done:", total.Load(), "left:", jobs.Len())
	jobs.Shutdown(false) // the waiting workers' Gets return ErrShutdown
	wg.Wait()
	fmt.Println("workers stopped:", stopped.Load())
	// Output:
	// jobs done: 210 left: 0
	// workers stopped: 3
}

// A priority queue returns the least item first; equal items keep the order
// in which they were put.
func ExampleNewPriority() {
	type job struct {
		prio int
		name string
	}
	q := queue.NewPriority(0, func(a, b job) bool { return a.prio < b.prio })
	for _, j := range []job{{2, "lint"}, {1, "build"}, {2, "test"}, {1, "fetch"}} {
		q.TryPut(j)
	}
	for q.Len() > 0 {
		j, _ := q.TryGet()
		fmt.Println(j.prio, j.name)
	}
	// Output:
	// 1 build
	// 1 fetch
	// 2 lint
	// 2 test
}
