package waittest

import (
	"context"
	"fmt"
	"slices"
	"sync"

	"github.com/conckata/conckata/internal/harness"
)

// mutants are plausible wait bugs, each one switch on a plain implementation.
// docs/contract.md lists none for this kata; these are the mistakes the properties
// are there to catch.
var mutants = []harness.Mutant[Impl]{
	{Name: "first-error-counts-cancelled", Bug: "FirstError takes any non-nil error for a failure, so a cancelled task ends the wait (asyncio's _wait checks `not f.cancelled()` before f.exception())", Impl: mutant(bugs{countsCancelled: true})},
	{Name: "first-error-stops-at-success", Bug: "FirstError returns at the first task done, failed or not: it is FirstCompleted under another name", Impl: mutant(bugs{stopsAtSuccess: true})},
	{Name: "cancels-pending", Bug: "Wait cancels the tasks still pending when it returns, as errgroup.WithContext or a timeout helper would; asyncio.wait never cancels, and the caller may still want those results", Impl: mutant(bugs{cancelsPending: true})},
	{Name: "completion-order", Bug: "done lists the tasks in the order they finished, not in list order, so done[i] no longer lines up with anything the caller knows", Impl: mutant(bugs{completionOrder: true})},
	{Name: "ctx-ignored", Bug: "Wait waits for its mode whatever ctx says: a deadline cannot bound it", Impl: mutant(bugs{ignoresCtx: true})},
	{Name: "late-mode-check", Bug: "an invalid mode is treated as AllCompleted and reported only after the wait, so a caller bug waits for every task before it shows", Impl: mutant(bugs{lateModeCheck: true})},
}

// bugs switches on bugs in plain.
type bugs struct {
	countsCancelled, stopsAtSuccess, cancelsPending, completionOrder, ignoresCtx, lateModeCheck bool
}

func mutant(b bugs) Impl {
	return Impl{Wait: b.plain, AllCompleted: 0, FirstCompleted: 1, FirstError: 2}
}

// plain is the simplest correct Wait, into which the bugs are switched: a
// goroutine per task reports its end by index, and the loop marks the
// entries seen done until the mode is met.
func (b bugs) plain(ctx context.Context, tasks []*Task, mode int) (done, pending []*Task, err error) {
	valid := mode >= 0 && mode <= 2
	if !valid && !b.lateModeCheck {
		panic(fmt.Sprintf("wait: invalid mode %d", mode))
	}
	if slices.Contains(tasks, nil) {
		panic("wait: nil task in the list")
	}
	ended := make(chan int, len(tasks))
	stop := make(chan struct{})
	var watchers sync.WaitGroup
	defer watchers.Wait()
	defer close(stop)
	for i, t := range tasks {
		watchers.Go(func() {
			select {
			case <-t.Done():
				ended <- i
			case <-stop:
			}
		})
	}
	seen := make([]bool, len(tasks))
	var order []int // the entries seen done, in the order they were seen
	mark := func(i int) {
		if !seen[i] {
			seen[i] = true
			order = append(order, i)
		}
	}
	markDone := func() {
		for i, t := range tasks {
			select {
			case <-t.Done():
				mark(i)
			default:
			}
		}
	}
	markDone() // the tasks done already: a met mode beats a done ctx
	ctxDone := ctx.Done()
	if b.ignoresCtx {
		ctxDone = nil
	}
	for err == nil && !b.met(tasks, seen, mode) {
		select {
		case i := <-ended:
			mark(i)
		case <-ctxDone:
			err = ctx.Err()
		}
	}
	if !valid {
		panic(fmt.Sprintf("wait: invalid mode %d", mode))
	}
	markDone() // what a watcher has not reported yet, a repeated task above all
	for i, t := range tasks {
		if seen[i] {
			done = append(done, t)
		} else {
			pending = append(pending, t)
		}
	}
	if b.completionOrder {
		done = done[:0]
		for _, i := range order {
			done = append(done, tasks[i])
		}
	}
	if b.cancelsPending {
		for _, t := range pending {
			t.Cancel()
		}
	}
	return done, pending, err
}

// met reports whether the entries seen done meet mode.
func (b bugs) met(tasks []*Task, seen []bool, mode int) bool {
	all, failure, any := true, false, false
	for i, t := range tasks {
		if !seen[i] {
			all = false
			continue
		}
		any = true
		_, err := t.Result()
		failure = failure || err != nil && (b.countsCancelled || !t.Cancelled())
	}
	switch {
	case mode == 1 || mode == 2 && b.stopsAtSuccess:
		return any || len(tasks) == 0
	case mode == 2:
		return all || failure
	}
	return all
}
