package pool_test

import (
	"context"
	"fmt"
	"sync"

	"github.com/conckata/conckata/solutions/pool"
)

// A pool of at most two connections serves five queries; the connections
// are opened once and reused.
func Example() {
	ctx := context.Background()
	var mu sync.Mutex
	opened := 0
	p, err := pool.New(ctx, pool.Config[string]{
		MinSize: 1,
		MaxSize: 2,
		Open: func(context.Context) (string, error) {
			mu.Lock()
			defer mu.Unlock()
			opened++
			return fmt.Sprintf("conn%d", opened), nil
		},
	})
	if err != nil {
		fmt.Println(err)
		return
	}

	var wg sync.WaitGroup
	for range 5 {
		wg.Go(func() {
			lease, err := p.Acquire(ctx)
			if err != nil {
				fmt.Println(err)
				return
			}
			defer lease.Release()
			_ = lease.Value() // run the query on this connection
		})
	}
	wg.Wait()

	s := p.Stats()
	fmt.Println("acquires:", s.Acquires, "at most 2 opened:", s.Opened <= 2)
	fmt.Println("close:", p.Close(ctx))
	_, err = p.Acquire(ctx)
	fmt.Println("acquire after close:", err)
	// Output:
	// acquires: 5 at most 2 opened: true
	// close: <nil>
	// acquire after close: pool: closed
}
