package shield_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/conckata/conckata/solutions/shield"
	"github.com/conckata/conckata/solutions/task"
)

type requestID struct{}

// A request gives up on a slow save after 10ms, as
// `await asyncio.wait_for(asyncio.shield(save), 0.01)`: the timeout cancels
// the shield, and the save goes on. Its result is still there afterwards.
func ExampleShield() {
	release := make(chan struct{})
	save := task.Go(context.Background(), func(ctx context.Context) (string, error) {
		select {
		case <-release: // the database answers, late
			return "saved", nil
		case <-ctx.Done():
			return "", ctx.Err()
		}
	})
	_, err := task.WaitFor(context.Background(), shield.Shield(save), 10*time.Millisecond)
	fmt.Println("request:", err, errors.Is(err, context.DeadlineExceeded))
	close(release)
	fmt.Println(save.Wait(context.Background()))
	// Output:
	// request: task: timed out true
	// saved <nil>
}

// Clean-up after a cancelled request runs under Detach(ctx): the request's
// values, none of its cancellation, and a deadline of its own.
func ExampleDetach() {
	ctx, cancel := context.WithCancel(context.WithValue(context.Background(), requestID{}, "req-42"))
	cancel() // the client went away

	cleanup, stop := context.WithTimeout(shield.Detach(ctx), time.Second)
	defer stop()
	fmt.Println("request:", ctx.Err())
	fmt.Println("clean-up:", cleanup.Err(), cleanup.Value(requestID{}))
	// Output:
	// request: context canceled
	// clean-up: <nil> req-42
}
