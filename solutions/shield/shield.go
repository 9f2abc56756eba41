// Package shield protects work from its caller's cancellation: Shield wraps
// a task so that giving up on the wrapper leaves the task running, and Detach
// gives a context the values of another without its cancellation or
// deadline. They are the Go forms of Python's asyncio.shield and of running
// clean-up under a context that outlives the request.
package shield

import (
	"context"
	"fmt"
	"time"

	"github.com/conckata/conckata/solutions/task"
)

// Shield returns a new task that ends with t's result, and that can be
// cancelled on its own: cancelling it (or a WaitFor on it timing out) ends
// the shield at once with context.Canceled and never cancels t, whose
// result stays retrievable from t. Cancelling t, on the other hand, cancels
// the shield too, as t's error (context.Canceled when t honours the
// cancellation) becomes the shield's. A panic in t's function reaches the
// shield as the same *task.PanicError.
//
// The shield runs a goroutine until t is done or the shield is cancelled.
// Shield panics if t is nil.
func Shield[T any](t *task.Task[T]) *task.Task[T] {
	if t == nil {
		panic("shield: Shield of a nil task")
	}
	// Wait returns t's result, or the shield's ctx.Err() once the shield is
	// cancelled, and never cancels t: it is the shield already.
	return task.Go(context.Background(), t.Wait)
}

// Detach returns a context with ctx's values and none of its cancellation
// or deadline: its Done is nil, its Err nil and it has no deadline, however
// ctx ends. Use it for work that must finish after the request that started
// it is cancelled (writing a log, releasing a lease), and give that work a
// deadline of its own. It behaves as context.WithoutCancel. Detach panics if
// ctx is nil.
func Detach(ctx context.Context) context.Context {
	if ctx == nil {
		panic("shield: Detach of a nil context")
	}
	return detached{parent: ctx}
}

// detached is ctx without its cancellation: only Value reaches the parent.
type detached struct{ parent context.Context }

func (detached) Deadline() (time.Time, bool) { return time.Time{}, false }

// Done returns nil, a channel that is never closed: a nil Done also tells
// context.WithCancel and context.AfterFunc that there is nothing to watch, so
// they start no goroutine for it.
func (detached) Done() <-chan struct{} { return nil }

func (detached) Err() error { return nil }

func (d detached) Value(key any) any { return d.parent.Value(key) }

// String names the parent, as the contexts of package context do:
// "context.Background.WithValue(k, v).Detach".
func (d detached) String() string {
	if s, ok := d.parent.(fmt.Stringer); ok {
		return s.String() + ".Detach"
	}
	return fmt.Sprintf("%T.Detach", d.parent)
}
