package waittest

import (
	"context"
	"fmt"
	"reflect"
	"slices"

	"github.com/conckata/conckata/internal/harness"
)

// Peers returns the wait kata's peers. asyncio.wait has no counterpart in
// the Go libraries this project compares with (errgroup and conc wait for
// functions they start, not for tasks started elsewhere), so the one peer is
// the textbook way to wait for any of many channels: reflect.Select. It
// passes every property.
func Peers() []harness.Peer[Impl] {
	return []harness.Peer[Impl]{{
		Name: "reflect-select",
		Impl: Impl{Wait: ReflectSelect, AllCompleted: 0, FirstCompleted: 1, FirstError: 2},
	}}
}

// ReflectSelect is Wait with modes 0 (AllCompleted), 1 (FirstCompleted) and
// 2 (FirstError), built on reflect.Select over ctx.Done and the Done
// channels of the pending tasks: it needs no goroutine, and costs
// O(len(tasks)) per task that ends.
func ReflectSelect(ctx context.Context, tasks []*Task, mode int) (done, pending []*Task, err error) {
	if mode < 0 || mode > 2 {
		panic(fmt.Sprintf("wait: invalid mode %d", mode))
	}
	if slices.Contains(tasks, nil) {
		panic("wait: nil task in the list")
	}
	for {
		done, pending = splitNow(tasks)
		if modeMet(done, pending, mode) {
			return done, pending, nil
		}
		cases := []reflect.SelectCase{{Dir: reflect.SelectRecv, Chan: reflect.ValueOf(ctx.Done())}}
		for _, t := range pending {
			cases = append(cases, reflect.SelectCase{Dir: reflect.SelectRecv, Chan: reflect.ValueOf(t.Done())})
		}
		if chosen, _, _ := reflect.Select(cases); chosen == 0 {
			done, pending = splitNow(tasks)
			if modeMet(done, pending, mode) {
				return done, pending, nil
			}
			return done, pending, ctx.Err()
		}
	}
}

// splitNow returns the tasks done now and the others, each in list order.
func splitNow(tasks []*Task) (done, pending []*Task) {
	for _, t := range tasks {
		select {
		case <-t.Done():
			done = append(done, t)
		default:
			pending = append(pending, t)
		}
	}
	return done, pending
}

// modeMet reports whether a split meets mode 0, 1 or 2.
func modeMet(done, pending []*Task, mode int) bool {
	if len(pending) == 0 {
		return true
	}
	switch mode {
	case 1:
		return len(done) > 0
	case 2:
		return slices.ContainsFunc(done, func(t *Task) bool {
			_, err := t.Result()
			return err != nil && !t.Cancelled()
		})
	}
	return false
}
