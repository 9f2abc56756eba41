package event_test

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/conckata/conckata/solutions/event"
)

// Three workers wait until the configuration is loaded, as coroutines
// awaiting `ready.wait()` on an asyncio.Event. What was written before Set
// is visible to every Wait that Set releases.
func Example() {
	var ready event.Event // the zero value: not set
	var config string
	seen := make([]string, 3)
	var wg sync.WaitGroup
	for i := range seen {
		wg.Go(func() {
			if err := ready.Wait(context.Background()); err != nil {
				return
			}
			seen[i] = fmt.Sprintf("worker %d sees %s", i, config)
		})
	}
	config = "config v2"
	ready.Set()
	wg.Wait()
	for _, s := range seen {
		fmt.Println(s)
	}
	// Output:
	// worker 0 sees config v2
	// worker 1 sees config v2
	// worker 2 sees config v2
}

// A wait bounded by a deadline gives up with ctx.Err(); on a set event, Wait
// returns nil even when its ctx is already done.
func ExampleEvent_Wait() {
	var e event.Event
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	fmt.Println(e.Wait(ctx))
	e.Set()
	fmt.Println(e.Wait(ctx))
	e.Clear()
	fmt.Println("set after Clear:", e.IsSet())
	// Output:
	// context deadline exceeded
	// <nil>
	// set after Clear: false
}
