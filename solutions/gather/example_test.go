package gather_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/conckata/conckata/solutions/gather"
)

// Three lookups run at once, as coroutines passed to asyncio.gather: the
// results come back in argument order, whichever finishes first.
func Example() {
	lookup := func(name string, d time.Duration) func(context.Context) (string, error) {
		return func(ctx context.Context) (string, error) {
			select {
			case <-time.After(d):
				return "price of " + name, nil
			case <-ctx.Done():
				return "", ctx.Err()
			}
		}
	}
	prices, err := gather.Gather(context.Background(),
		lookup("tea", 30*time.Millisecond),
		lookup("coffee", 10*time.Millisecond),
		lookup("cocoa", 20*time.Millisecond),
	)
	fmt.Println(prices, err)
	// Output:
	// [price of tea price of coffee price of cocoa] <nil>
}

// The first failure cancels the others, which stop at once; Gather returns
// that failure, not the context.Canceled the others return. GatherAll, as
// asyncio.gather(..., return_exceptions=True), keeps every result instead.
func ExampleGather_error() {
	errNoStock := errors.New("out of stock")
	fail := func(context.Context) (int, error) { return 0, errNoStock }
	slow := func(ctx context.Context) (int, error) {
		select {
		case <-time.After(time.Hour):
			return 1, nil
		case <-ctx.Done():
			return 0, ctx.Err()
		}
	}
	quick := func(context.Context) (int, error) { return 2, nil }

	counts, err := gather.Gather(context.Background(), slow, fail, quick)
	fmt.Println(counts, err)

	for i, r := range gather.GatherAll(context.Background(), quick, fail, quick) {
		fmt.Println(i, r.Value, r.Err)
	}
	// Output:
	// [] out of stock
	// 0 2 <nil>
	// 1 0 out of stock
	// 2 2 <nil>
}
