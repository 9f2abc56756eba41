package gathertest

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"sync"
	"time"
)

// The bodies below run inside a synctest bubble: their sleeps and timers are
// on the bubble's fake clock, so each finishes at exactly the time chosen.
// None of them can block for ever, so that a broken implementation still lets
// the bubble end and the property report its own failure.

// succeedAfter returns a function that ignores its ctx, sleeps d and returns v.
func succeedAfter(d time.Duration, v int) Func {
	return func(context.Context) (int, error) {
		time.Sleep(d)
		return v, nil
	}
}

// failAfter returns a function that ignores its ctx, sleeps d and returns v
// and err.
func failAfter(d time.Duration, v int, err error) Func {
	return func(context.Context) (int, error) {
		time.Sleep(d)
		return v, err
	}
}

// panicAfter returns a function that sleeps d and panics with value.
func panicAfter(d time.Duration, value any) Func {
	return func(context.Context) (int, error) {
		time.Sleep(d)
		panic(value)
	}
}

// untilCancelled returns a function that returns 0 and ctx.Err() as soon as
// its ctx is done, after cleanup more, or v and nil after limit.
func untilCancelled(limit, cleanup time.Duration, v int) Func {
	return func(ctx context.Context) (int, error) {
		timer := time.NewTimer(limit)
		defer timer.Stop()
		select {
		case <-ctx.Done():
			time.Sleep(cleanup)
			return 0, ctx.Err()
		case <-timer.C:
			return v, nil
		}
	}
}

// A trace records, on the bubble's clock, when each function of a call
// started and returned and what its ctx said then. Started before the call,
// it is read after it; its mutex keeps an implementation that returns early
// from racing with the functions it left running.
type trace struct {
	start time.Time
	mu    sync.Mutex // protects the maps
	began map[int]time.Duration
	ended map[int]time.Duration
	ctx   map[int]error // ctx.Err() as the function returned
}

func newTrace() *trace {
	return &trace{start: time.Now(), began: map[int]time.Duration{}, ended: map[int]time.Duration{}, ctx: map[int]error{}}
}

// fns wraps bodies so that the trace sees function i start and return.
func (tr *trace) fns(bodies ...Func) []Func {
	wrapped := make([]Func, len(bodies))
	for i, body := range bodies {
		wrapped[i] = func(ctx context.Context) (int, error) {
			tr.mu.Lock()
			tr.began[i] = time.Since(tr.start)
			tr.mu.Unlock()
			defer func() { // deferred, so that a panicking function counts too
				tr.mu.Lock()
				defer tr.mu.Unlock()
				tr.ended[i] = time.Since(tr.start)
				tr.ctx[i] = ctx.Err()
			}()
			return body(ctx)
		}
	}
	return wrapped
}

// elapsed is the time on the bubble's clock since the trace started.
func (tr *trace) elapsed() time.Duration { return time.Since(tr.start) }

// running lists the functions that have not returned, in argument order.
func (tr *trace) running(n int) []int {
	tr.mu.Lock()
	defer tr.mu.Unlock()
	var out []int
	for i := range n {
		if _, ok := tr.ended[i]; !ok {
			out = append(out, i)
		}
	}
	return out
}

// ctxErr returns what function i's ctx.Err() was as it returned, and when.
func (tr *trace) ctxErr(i int) (error, time.Duration, bool) {
	tr.mu.Lock()
	defer tr.mu.Unlock()
	at, ok := tr.ended[i]
	return tr.ctx[i], at, ok
}

// lateStarts lists the functions that did not start at once.
func (tr *trace) lateStarts() []string {
	tr.mu.Lock()
	defer tr.mu.Unlock()
	var late []string
	for _, i := range slices.Sorted(maps.Keys(tr.began)) {
		if tr.began[i] != 0 {
			late = append(late, fmt.Sprintf("function %d at %v", i, tr.began[i]))
		}
	}
	return late
}
