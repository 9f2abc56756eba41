package ascompleted_test

import (
	"context"
	"fmt"

	"github.com/conckata/conckata/solutions/ascompleted"
)

// Three fetches finish in the reverse of the order they were started, and the
// loop sees each result as soon as it is ready, the error of the failed one
// in its place. (Each fetch waits for a gate that the loop opens, so that the
// order is certain here; real fetches finish when they finish.)
func Example() {
	gates := []chan struct{}{make(chan struct{}), make(chan struct{}), make(chan struct{})}
	fetch := func(i int) func(context.Context) (string, error) {
		return func(ctx context.Context) (string, error) {
			<-gates[i]
			if i == 1 {
				return "", fmt.Errorf("fetch %d: not found", i)
			}
			return fmt.Sprintf("page %d", i), nil
		}
	}
	close(gates[2])
	next := 1
	for page, err := range ascompleted.AsCompleted(context.Background(), fetch(0), fetch(1), fetch(2)) {
		if err != nil {
			fmt.Println("error:", err)
		} else {
			fmt.Println(page)
		}
		if next >= 0 {
			close(gates[next])
			next--
		}
	}
	// Output:
	// page 2
	// error: fetch 1: not found
	// page 0
}

// Once the first answer is in, the caller cancels ctx: the functions still
// running are yielded at once with ctx.Err(), and the loop ends once they
// have all returned. A ctx deadline works the same way, as asyncio's
// as_completed timeout.
func ExampleAsCompleted_cancel() {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	quick := func(context.Context) (string, error) { return "quick answer", nil }
	stuck := func(ctx context.Context) (string, error) {
		<-ctx.Done()
		return "", ctx.Err()
	}
	for answer, err := range ascompleted.AsCompleted(ctx, stuck, quick, stuck) {
		if err != nil {
			fmt.Println("error:", err)
			continue
		}
		fmt.Println(answer)
		cancel() // one answer is enough
	}
	// Output:
	// quick answer
	// error: context canceled
	// error: context canceled
}
