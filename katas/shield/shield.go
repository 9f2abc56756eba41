// Package shield protects work from its caller's cancellation: Shield wraps
// a task so that giving up on the wrapper leaves the task running, and Detach
// gives a context the values of another without its cancellation or
// deadline. They are the Go forms of Python's asyncio.shield and of running
// clean-up under a context that outlives the request.
//
// This is the kata: make `go run ./cmd/kata test shield` pass.
// The properties are explained in docs/katas/shield.md.
package shield

import (
	"context"

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
	panic("shield: Shield is not written yet (docs/katas/shield.md)")
}

// Detach returns a context with ctx's values and none of its cancellation
// or deadline: its Done is nil, its Err nil and it has no deadline, however
// ctx ends. Use it for work that must finish after the request that started
// it is cancelled (writing a log, releasing a lease), and give that work a
// deadline of its own. It behaves as context.WithoutCancel. Detach panics if
// ctx is nil.
func Detach(ctx context.Context) context.Context {
	panic("shield: Detach is not written yet (docs/katas/shield.md)")
}

// Your detached context type here: the four methods of context.Context,
// and a String method.
