package gathertest

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/conckata/conckata/internal/bubble"
)

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

func zeroFunctionsReturnAtOnce(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		done, cancel := context.WithCancel(context.Background())
		cancel()
		for _, c := range []struct {
			name string
			ctx  context.Context
		}{{"ctx", context.Background()}, {"a cancelled ctx", done}} {
			start := time.Now()
			got, err := impl.Gather(c.ctx)
			if got == nil || len(got) != 0 || err != nil {
				t.Errorf("Gather with %s and no functions returned %#v, %v; want []int{}, nil: an empty, non-nil slice, as asyncio.gather() returns [] (a nil slice means failure)", c.name, got, err)
			}
			all := impl.GatherAll(c.ctx)
			if all == nil || len(all) != 0 {
				t.Errorf("GatherAll with %s and no functions returned %#v; want an empty, non-nil slice", c.name, all)
			}
			if d := time.Since(start); d != 0 {
				t.Errorf("Gather and GatherAll with %s and no functions took %v, want them to return at once", c.name, d)
			}
		}
	})
}

func nilFunctionPanics(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		var called atomic.Int64
		fn := func(context.Context) (int, error) {
			called.Add(1)
			return 1, nil
		}
		// The same calls without the nil function work: the panic is about it.
		if v := bubble.Panics(func() { impl.Gather(context.Background(), fn, fn) }); v != nil {
			t.Fatalf("Gather(ctx, fn, fn) panicked with %v, want [1 1], nil", v)
		}
		if v := bubble.Panics(func() { impl.GatherAll(context.Background(), fn, fn) }); v != nil {
			t.Fatalf("GatherAll(ctx, fn, fn) panicked with %v, want [{1 <nil>} {1 <nil>}]", v)
		}
		for _, c := range []struct {
			name string
			call func()
		}{
			{"Gather(ctx, fn, nil)", func() { impl.Gather(context.Background(), fn, nil) }},
			{"GatherAll(ctx, fn, nil, fn)", func() { impl.GatherAll(context.Background(), fn, nil, fn) }},
		} {
			called.Store(0)
			var v any
			call := bubble.Start(c.name, func(context.Context) error {
				v = bubble.Panics(c.call)
				return nil
			})
			if !call.Returned() {
				t.Fatalf("%s blocked, want a panic at once", c.name)
			}
			msg, ok := v.(string)
			if !ok || !strings.HasPrefix(msg, "gather: ") {
				t.Errorf(`%s panicked with %#v, want a string starting with "gather: " (a caller bug)`, c.name, v)
			}
			if n := called.Load(); n > 0 {
				t.Errorf("%s called the valid functions %d times before panicking, want none called: check every function before starting any", c.name, n)
			}
		}
	})
}

// brief shortens a long slice in a failure message.
func brief[E any](s []E) string {
	if s == nil {
		return "nil"
	}
	if len(s) <= 10 {
		return fmt.Sprint(s)
	}
	return fmt.Sprintf("%v ... (%d in all)", s[:10], len(s))
}
