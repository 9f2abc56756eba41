// Package rapidwait is the "cancel a random waiter" action of the suites'
// rapid state machines (model.go): it draws one of the calls that the model
// says still wait, and takes it out of the model's queue, so that the action
// can cancel it and expect context.Canceled.
package rapidwait

import (
	"slices"

	"pgregory.net/rapid"
)

// Draw draws one of the waiters in *queue (rapid's label "waiter"), takes it
// out of *queue, and returns its index in the queue and the waiter. When no
// one waits it skips the action (t.Skip), as an action that cannot be taken.
func Draw[W any](t *rapid.T, queue *[]W) (int, W) {
	if len(*queue) == 0 {
		t.Skip("no one waits")
	}
	i := rapid.IntRange(0, len(*queue)-1).Draw(t, "waiter")
	w := (*queue)[i]
	*queue = slices.Delete(*queue, i, i+1)
	return i, w
}
