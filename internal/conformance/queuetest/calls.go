package queuetest

import (
	"context"
	"fmt"
	"testing"
	"testing/synctest"
	"time"

	"github.com/conckata/conckata/internal/bubble"
)

// call is a Put, Get or Join running in a goroutine of its own inside a
// synctest bubble.
type call struct {
	*bubble.Call
	op string // "Put", "Get" or "Join"
	// v is the item of a Put, or the item a Get returned, valid once it has
	// returned (the goroutine writes it before the call counts as returned).
	v int
}

// startGet starts q.Get and returns once it is blocked or has returned.
func startGet(q Queue) *call {
	c := &call{op: "Get"}
	c.Call = bubble.Start("Get", func(ctx context.Context) error {
		v, err := q.Get(ctx)
		c.v = v
		return err
	})
	return c
}

// startPut starts q.Put(v) and returns once it is blocked or has returned.
func startPut(q Queue, v int) *call {
	c := &call{op: "Put", v: v}
	c.Call = bubble.Start(fmt.Sprintf("Put(%d)", v), func(ctx context.Context) error { return q.Put(ctx, v) })
	return c
}

// startJoin starts q.Join and returns once it is blocked or has returned.
func startJoin(q Queue) *call {
	return &call{op: "Join", Call: bubble.Start("Join", q.Join)}
}

// got reports whether c is a Get that returned v with a nil error.
func (c *call) got(v int) bool { return c.Succeeded() && c.v == v }

// result says what became of c, for failure messages.
func (c *call) result() string {
	if c.op == "Get" && c.Succeeded() {
		return fmt.Sprintf("Get returned %d", c.v)
	}
	return c.Result()
}

// finish cancels every call still waiting, so that the bubble can end.
func finish(calls ...*call) {
	for _, c := range calls {
		c.Cancel()
	}
	synctest.Wait()
}

// timeoutCtx returns a ctx of t's that expires after one second (of the
// bubble's clock, in a bubble).
func timeoutCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(t.Context(), time.Second)
	t.Cleanup(cancel)
	return ctx
}

// expiredCtx returns a ctx of t's whose deadline has passed.
func expiredCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithDeadline(t.Context(), time.Now().Add(-time.Second))
	t.Cleanup(cancel)
	return ctx
}

func drain(q Queue, limit int) ([]int, error) {
	var got []int
	for range limit {
		v, err := q.TryGet()
		if err != nil {
			return got, err
		}
		got = append(got, v)
	}
	return got, nil
}

func fill(t *testing.T, q Queue, what string, vs ...int) {
	t.Helper()
	for _, v := range vs {
		if err := q.TryPut(v); err != nil {
			t.Fatalf("%s: TryPut(%d) = %v, want nil", what, v, err)
		}
	}
}

func takeAll(t *testing.T, q Queue, what string, n int) []int {
	t.Helper()
	var got []int
	for range n {
		c := startGet(q)
		if !c.Succeeded() {
			finish(c)
			t.Fatalf("%s: after getting %v, Get %s, want an item", what, got, c.result())
		}
		got = append(got, c.v)
	}
	return got
}
