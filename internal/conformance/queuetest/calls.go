package queuetest

import (
	"context"
	"fmt"
	"testing/synctest"

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
