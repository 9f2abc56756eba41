package task_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/conckata/conckata/solutions/task"
)

// A slow lookup bounded by WaitFor, as `await asyncio.wait_for(task, 0.05)`:
// on timeout the task is cancelled, and WaitFor returns only once the
// lookup has stopped.
func Example() {
	lookup := task.Go(context.Background(), func(ctx context.Context) (string, error) {
		select {
		case <-time.After(time.Hour): // a backend that never answers in time
			return "answer", nil
		case <-ctx.Done():
			return "", ctx.Err()
		}
	})
	_, err := task.WaitFor(context.Background(), lookup, 50*time.Millisecond)
	fmt.Println(err)
	fmt.Println("deadline exceeded:", errors.Is(err, context.DeadlineExceeded))
	fmt.Println("cancelled:", lookup.Cancelled())
	// Output:
	// task: timed out
	// deadline exceeded: true
	// cancelled: true
}

// Cancel is a request: a function that ignores it runs to its end, and its
// result stands.
func ExampleTask_Cancel() {
	release := make(chan struct{})
	t := task.Go(context.Background(), func(context.Context) (int, error) {
		<-release // never looks at its ctx
		return 42, nil
	})
	t.Cancel()
	_, err := t.Result()
	fmt.Println(err)
	close(release)
	fmt.Println(t.Wait(context.Background()))
	fmt.Println("cancelled:", t.Cancelled())
	// Output:
	// task: not done
	// 42 <nil>
	// cancelled: false
}

// A panic in the function becomes a *PanicError, with the value and the
// stack, instead of taking the process down.
func ExamplePanicError() {
	t := task.Go(context.Background(), func(context.Context) (int, error) {
		var m map[string]int
		m["x"] = 1 // assignment to entry in nil map
		return 0, nil
	})
	_, err := t.Wait(context.Background())
	var p *task.PanicError
	if errors.As(err, &p) {
		fmt.Println("recovered:", p.Value)
	}
	// Output:
	// recovered: assignment to entry in nil map
}
