package waittest

import (
	"context"
	"fmt"
	"slices"
	"sync"
)

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
	ended, stop := watch(tasks)
	defer stop()
	m := &marks{tasks: tasks, seen: make([]bool, len(tasks))}
	m.markDone() // the tasks done already: a met mode beats a done ctx
	ctxDone := ctx.Done()
	if b.ignoresCtx {
		ctxDone = nil
	}
	for err == nil && !b.met(tasks, m.seen, mode) {
		select {
		case i := <-ended:
			m.mark(i)
		case <-ctxDone:
			err = ctx.Err()
		}
	}
	if !valid {
		panic(fmt.Sprintf("wait: invalid mode %d", mode))
	}
	m.markDone() // what a watcher has not reported yet, a repeated task above all
	done, pending = m.split(b.completionOrder)
	if b.cancelsPending {
		for _, t := range pending {
			t.Cancel()
		}
	}
	return done, pending, err
}

// watch starts a goroutine per entry of tasks that sends the entry's index
// on ended once its task is done; stop stops them and waits for them.
func watch(tasks []*Task) (ended <-chan int, stop func()) {
	ch := make(chan int, len(tasks))
	quit := make(chan struct{})
	var watchers sync.WaitGroup
	for i, t := range tasks {
		watchers.Go(func() {
			select {
			case <-t.Done():
				ch <- i
			case <-quit:
			}
		})
	}
	return ch, func() {
		close(quit)
		watchers.Wait()
	}
}

// marks are the entries of a list seen done, and the order they were seen in.
type marks struct {
	tasks []*Task
	seen  []bool
	order []int
}

func (m *marks) mark(i int) {
	if !m.seen[i] {
		m.seen[i] = true
		m.order = append(m.order, i)
	}
}

// markDone marks the entries whose task is done now.
func (m *marks) markDone() {
	for i, t := range m.tasks {
		select {
		case <-t.Done():
			m.mark(i)
		default:
		}
	}
}

// split returns the entries seen done and the others, in list order; with
// completionOrder, the done ones in the order they were seen.
func (m *marks) split(completionOrder bool) (done, pending []*Task) {
	for i, t := range m.tasks {
		if m.seen[i] {
			done = append(done, t)
		} else {
			pending = append(pending, t)
		}
	}
	if completionOrder {
		done = done[:0]
		for _, i := range m.order {
			done = append(done, m.tasks[i])
		}
	}
	return done, pending
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
