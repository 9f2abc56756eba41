package lock_test

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/conckata/conckata/solutions/lock"
)

// Six goroutines update a shared total, one at a time, as with
// `async with lock:` around each update.
func Example() {
	var mu lock.Mutex // the zero value is ready
	ctx := context.Background()
	total := 0
	var wg sync.WaitGroup
	for i := 1; i <= 6; i++ {
		wg.Go(func() {
			if err := mu.Lock(ctx); err != nil {
				return
			}
			defer mu.Unlock()
			total += i
		})
	}
	wg.Wait()
	fmt.Println("total:", total)
	fmt.Println("locked afterwards:", mu.Locked())
	// Output:
	// total: 21
	// locked afterwards: false
}

// A wait bounded by a deadline gives up with ctx.Err() and leaves the lock
// with its holder; a ctx that is already done fails even on a free lock.
func ExampleMutex_Lock() {
	var mu lock.Mutex
	mu.TryLock() // someone else holds it

	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	fmt.Println(mu.Lock(ctx))
	fmt.Println("still held:", mu.Locked())

	mu.Unlock()
	fmt.Println(mu.Lock(ctx)) // the deadline has passed
	fmt.Println("held:", mu.Locked())
	// Output:
	// context deadline exceeded
	// still held: true
	// context deadline exceeded
	// held: false
}
