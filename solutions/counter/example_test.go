package counter_test

import (
	"fmt"
	"sync"

	"github.com/conckata/conckata/solutions/counter"
)

// Four workers count the requests they serve in one shared counter, as
// processes sharing a multiprocessing.Value would, with its lock. Any of the
// three types would do; Sharded suits a counter bumped far more often than
// read.
func Example() {
	var served counter.Sharded // the zero value: at 0, ready
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for range 1000 {
				served.Add(1)
			}
		})
	}
	wg.Wait()
	fmt.Println("served:", served.Load())
	// Output:
	// served: 4000
}

// Deltas may be negative: a counter of requests in flight goes up when one
// starts and down when it ends.
func ExampleMutex_Add() {
	var inFlight counter.Mutex
	inFlight.Add(3)
	inFlight.Add(-2)
	fmt.Println("in flight:", inFlight.Load())
	// Output:
	// in flight: 1
}
