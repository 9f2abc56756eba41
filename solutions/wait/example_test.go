package wait_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/conckata/conckata/solutions/task"
	"github.com/conckata/conckata/solutions/wait"
)

// FirstCompleted returns as soon as one task is done; the others stay in
// pending, still running, to be waited for later.
func Example() {
	ctx := context.Background()
	release := make(chan struct{})
	slow := task.Go(ctx, func(context.Context) (string, error) {
		<-release
		return "slow", nil
	})
	fast := task.Go(ctx, func(context.Context) (string, error) { return "fast", nil })

	done, pending, err := wait.Wait(ctx, []*task.Task[string]{slow, fast}, wait.FirstCompleted)
	first, _ := done[0].Result()
	fmt.Println(len(done), "done:", first, "- pending:", len(pending), "- err:", err)

	close(release)
	done, pending, _ = wait.Wait(ctx, pending, wait.AllCompleted)
	last, _ := done[0].Result()
	fmt.Println(len(done), "done:", last, "- pending:", len(pending))
	// Output:
	// 1 done: fast - pending: 1 - err: <nil>
	// 1 done: slow - pending: 0
}

// FirstError returns at the first failure. The failure stays in its task,
// and Wait cancels nothing: stopping the others is the caller's choice.
func ExampleWait_firstError() {
	ctx := context.Background()
	fetch := task.Go(ctx, func(ctx context.Context) (int, error) {
		<-ctx.Done() // works until cancelled
		return 0, ctx.Err()
	})
	check := task.Go(ctx, func(context.Context) (int, error) { return 0, errors.New("check failed") })

	done, pending, err := wait.Wait(ctx, []*task.Task[int]{fetch, check}, wait.FirstError)
	_, failure := done[0].Result()
	fmt.Println(len(done), "done,", len(pending), "pending; Wait:", err, "- the task:", failure)

	for _, t := range pending {
		t.Cancel()
	}
	wait.Wait(ctx, pending, wait.AllCompleted)
	fmt.Println("fetch cancelled:", fetch.Cancelled())
	// Output:
	// 1 done, 1 pending; Wait: <nil> - the task: check failed
	// fetch cancelled: true
}
