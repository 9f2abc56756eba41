package shieldtest

import (
	"context"

	"github.com/conckata/conckata/internal/harness"
	"github.com/conckata/conckata/solutions/task"
)

// Peers returns the shield kata's peer: context.WithoutCancel, the standard
// library's Detach since Go 1.21. No library shields a *task.Task, so the
// peer's Shield is ShieldByWait, the plain composition of task.Go and
// Task.Wait. It passes every property but one.
func Peers() []harness.Peer[Impl] {
	return []harness.Peer[Impl]{{
		Name: "without-cancel",
		Impl: Impl{Shield: ShieldByWait, Detach: context.WithoutCancel},
		Skip: map[string]string{
			"nil-arguments-panic": `context.WithoutCancel(nil) panics with the context package's own message, "cannot create context from nil parent"`,
		},
	}}
}

// ShieldByWait shields t with a task that waits for it: Task.Wait returns
// when its ctx is done and leaves t running, which is what a shield does.
func ShieldByWait(t *task.Task[int]) *task.Task[int] {
	if t == nil {
		panic("shield: Shield of a nil task")
	}
	return task.Go(context.Background(), t.Wait)
}
