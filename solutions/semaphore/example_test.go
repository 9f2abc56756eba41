package semaphore_test

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/conckata/conckata/solutions/semaphore"
)

// At most two of six downloads run at once, as with
// `async with asyncio.Semaphore(2):` around each one.
func Example() {
	sem := semaphore.New(2)
	ctx := context.Background()
	var running, most atomic.Int32
	var wg sync.WaitGroup
	for range 6 {
		wg.Go(func() {
			if err := sem.Acquire(ctx); err != nil {
				return
			}
			defer sem.Release()
			n := running.Add(1)
			for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
			}
			running.Add(-1)
		})
	}
	wg.Wait()
	fmt.Println("never more than 2 at once:", most.Load() <= 2)
	fmt.Println("free afterwards:", sem.Available())
	// Output:
	// never more than 2 at once: true
	// free afterwards: 2
}

// A wait bounded by a deadline gives up with ctx.Err() and takes nothing;
// a request that could never fit fails at once.
func ExampleSemaphore_AcquireN() {
	sem := semaphore.New(3)
	sem.TryAcquireN(2)

	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	fmt.Println(sem.AcquireN(ctx, 2))
	fmt.Println(sem.AcquireN(context.Background(), 4))
	fmt.Println("free:", sem.Available())
	// Output:
	// context deadline exceeded
	// semaphore: request larger than the semaphore
	// free: 1
}
