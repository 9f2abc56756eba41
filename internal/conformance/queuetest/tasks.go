package queuetest

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"testing/synctest"

	"github.com/conckata/conckata/internal/bubble"
)

func joinWaitsForTaskDone(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		q := impl.NewFIFO(0)
		done, cancel := context.WithCancel(t.Context())
		cancel()
		if err := q.Join(done); err != nil {
			t.Fatalf("Join on a new queue with a done ctx = %v, want nil at once: no task is unfinished", err)
		}
		fill(t, q, "NewFIFO(0)", 1, 2)
		j := startJoin(q)
		defer finish(j)
		if j.Returned() {
			t.Fatalf("Join with two items put and none done: %s, want it to wait", j.result())
		}
		takeAll(t, q, "NewFIFO(0)", 2)
		synctest.Wait()
		if j.Returned() {
			t.Fatalf("Join after both items were taken by Get but no TaskDone: %s, want it to wait: Join counts TaskDones, not Gets", j.result())
		}
		q.TaskDone()
		synctest.Wait()
		joinWaitsForLastTaskDone(t, q, j,
			"Join with two items put and one TaskDone: %s, want it to wait",
			"Join after both items were marked done: %s, want nil")

		// An item handed straight to a waiting Get is a task all the same.
		g := startGet(q)
		defer finish(g)
		fill(t, q, "NewFIFO(0) with a Get waiting", 3)
		j2 := startJoin(q)
		defer finish(j2)
		if !g.got(3) || j2.Returned() {
			t.Fatalf("with a Get waiting, 3 was put and Join called: %s and %s, want Get to return 3 and Join to wait for the TaskDone", g.result(), j2.result())
		}
		j2.Cancel()
		synctest.Wait()
		if !errors.Is(j2.Err(), context.Canceled) {
			t.Fatalf("a waiting Join whose ctx was cancelled: %s, want context.Canceled", j2.result())
		}
		q.TaskDone()
		if err := q.Join(done); err != nil {
			t.Errorf("Join with a done ctx after every item was marked done = %v, want nil", err)
		}
		for round := range rounds {
			joinRace(t, q, round, round%2 == 0)
			if t.Failed() {
				return
			}
		}
	})
}

// joinRace puts and takes an item, starts two Joins, then cancels the first
// and calls TaskDone, in the order given. The first Join returns nil if the
// TaskDone came first, and context.Canceled otherwise, even if it has not run
// since the cancellation: the rule of every hand-off. The second returns nil.
func joinRace(t *testing.T, q Queue, round int, cancelFirst bool) {
	fill(t, q, "a queue with nothing unfinished", round)
	takeAll(t, q, "a queue with nothing unfinished", 1)
	first, second := startJoin(q), startJoin(q)
	defer finish(first, second)
	did, want := "TaskDone then cancel", error(nil)
	if cancelFirst {
		did, want = "cancel then TaskDone", context.Canceled
		first.Cancel()
		q.TaskDone()
	} else {
		q.TaskDone()
		first.Cancel()
	}
	synctest.Wait()
	if !first.Returned() || !sameErr(first.Err(), want) || !second.Succeeded() {
		t.Fatalf("round %d: two Joins waited for the last unfinished task; %s the first: it %s and the second %s, want %v and nil: a Join cancelled before the TaskDone fails, one cancelled after it succeeds", round, did, first.result(), second.result(), want)
	}
}

func taskDoneTooManyPanics(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		const want = "queue: TaskDone called too many times"
		q := impl.NewFIFO(0)
		check := func(what string) {
			v := bubble.Panics(q.TaskDone)
			if v == nil {
				t.Errorf("%s: TaskDone() did not panic, want a panic %q", what, want)
			} else if msg := fmt.Sprint(v); !strings.Contains(msg, want) {
				t.Errorf("%s: TaskDone() panicked with %q, want %q", what, msg, want)
			}
		}
		check("on a new queue")
		fill(t, q, "NewFIFO(0)", 1)
		takeAll(t, q, "NewFIFO(0)", 1)
		q.TaskDone()
		check("after one item was put, taken and marked done")
		// The count must not have gone below zero: one more item is one more task.
		fill(t, q, "NewFIFO(0)", 2)
		j := startJoin(q)
		defer finish(j)
		joinWaitsForLastTaskDone(t, q, j,
			"after the extra TaskDones, one more item was put: Join %s, want it to wait for its TaskDone (the count went below zero?)",
			"Join after the last item was marked done: %s, want nil")
	})
}

// joinWaitsForLastTaskDone checks that Join j waits, calls q.TaskDone, and
// checks that j then returns nil. waiting and done are the failures of the
// two checks, each with a %s for what j did.
func joinWaitsForLastTaskDone(t *testing.T, q Queue, j *call, waiting, done string) {
	t.Helper()
	if j.Returned() {
		t.Fatalf(waiting, j.result())
	}
	q.TaskDone()
	synctest.Wait()
	if !j.Succeeded() {
		t.Fatalf(done, j.result())
	}
}
