package rapidwait

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"testing/synctest"

	"pgregory.net/rapid"
)

// Draw takes out exactly the waiter it returns, at the index it returns, and
// leaves the others in their order.
func TestDrawTakesOutTheWaiterItReturns(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		queue := rapid.SliceOfNDistinct(rapid.Int(), 1, 10, rapid.ID).Draw(t, "queue")
		before := slices.Clone(queue)
		i, w := Draw(t, &queue)
		if before[i] != w {
			t.Fatalf("Draw returned waiter %d at index %d, but index %d held %d", w, i, i, before[i])
		}
		want := slices.Delete(slices.Clone(before), i, i+1)
		if !slices.Equal(queue, want) {
			t.Fatalf("after Draw of index %d, queue = %v, want %v", i, queue, want)
		}
	})
}

// Draw reaches every waiter, not only the first or the last.
func TestDrawReachesEveryWaiter(t *testing.T) {
	seen := map[int]bool{}
	rapid.Check(t, func(t *rapid.T) {
		queue := []int{0, 1, 2}
		_, w := Draw(t, &queue)
		seen[w] = true
	})
	if len(seen) != 3 {
		t.Fatalf("Draw drew only the waiters %v of [0 1 2]", seen)
	}
}

// An empty queue skips the action: in a state machine, rapid takes another.
func TestDrawSkipsWhenNoOneWaits(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		var queue []int
		t.Repeat(map[string]func(*rapid.T){
			"wait": func(t *rapid.T) { queue = append(queue, len(queue)) },
			"cancel": func(t *rapid.T) {
				empty := len(queue) == 0
				Draw(t, &queue)
				if empty {
					t.Fatal("Draw on an empty queue returned, want it to skip the action")
				}
			},
			"": func(t *rapid.T) {},
		})
	})
}

// waiter is a Waiter whose call has returned err, or not yet returned.
type waiter struct {
	returned bool
	err      error
}

func (w waiter) Returned() bool { return w.returned }
func (w waiter) Err() error     { return w.err }

func TestCancelledWantsContextCanceled(t *testing.T) {
	wrapped := fmt.Errorf("acquire: %w", context.Canceled)
	for _, c := range []struct {
		w    waiter
		want bool
	}{
		{waiter{true, context.Canceled}, true},
		{waiter{true, wrapped}, true},
		{waiter{false, nil}, false},
		{waiter{true, nil}, false},
		{waiter{true, context.DeadlineExceeded}, false},
		{waiter{true, errors.New("closed")}, false},
	} {
		if got := Cancelled(c.w); got != c.want {
			t.Errorf("Cancelled(returned=%v err=%v) = %v, want %v", c.w.returned, c.w.err, got, c.want)
		}
	}
}

// Machine runs every case in a bubble of its own: synctest.Wait, which
// panics outside a bubble, works in it.
func TestMachineRunsInABubble(t *testing.T) {
	runs := 0
	Machine(t, func(t *rapid.T) {
		runs++
		n := rapid.IntRange(1, 3).Draw(t, "n")
		done := make(chan struct{})
		for range n {
			go func() { <-done }()
		}
		synctest.Wait()
		close(done)
	})
	if runs == 0 {
		t.Fatal("Machine ran no case")
	}
}
