package breaker_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/conckata/conckata/solutions/breaker"
)

// A breaker opens after two failures in a row, rejects calls while open, and
// closes again after one successful trial call once OpenTimeout has passed.
func Example() {
	b := breaker.New(breaker.Settings{FailureThreshold: 2, OpenTimeout: time.Millisecond})
	down := errors.New("service down")
	ctx := context.Background()

	for range 2 {
		fmt.Println(b.Do(ctx, func(context.Context) error { return down }))
	}
	fmt.Println(b.State())
	fmt.Println(b.Do(ctx, func(context.Context) error { panic("not called") }))

	time.Sleep(time.Millisecond) // the example waits for the breaker's clock, not for a goroutine
	fmt.Println(b.State())
	fmt.Println(b.Do(ctx, func(context.Context) error { return nil }))
	fmt.Println(b.State())
	// Output:
	// service down
	// service down
	// open
	// breaker: circuit open
	// half-open
	// <nil>
	// closed
}
