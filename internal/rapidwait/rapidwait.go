// Package rapidwait holds what the suites' rapid state machines of blocking
// calls share (the matches-model properties, in model.go): Machine runs one
// in a synctest bubble, Draw is the action that picks a random waiter to
// cancel, and Cancelled is what the check then wants of it.
package rapidwait

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/conckata/conckata/internal/bubble"
	"pgregory.net/rapid"
)

// Machine checks body with rapid, each run in a synctest bubble of its own
// (rapid.SyncTest): the blocking calls that body starts run in the bubble,
// so that the check can wait for them to be idle, and a call that never
// returns is a deadlock the bubble reports when it ends.
func Machine(t *testing.T, body func(t *rapid.T)) {
	t.Helper()
	rapid.Check(t, func(t *rapid.T) {
		bubble.ResetLog() // kata explain shows the failing case's calls only
		rapid.SyncTest(t, body)
	})
}

// Waiter is a blocking call started in a bubble, such as a *bubble.Call.
type Waiter interface {
	Returned() bool
	Err() error
}

// Cancelled reports whether w has returned context.Canceled, as a waiter
// cancelled while it waited must.
func Cancelled(w Waiter) bool { return w.Returned() && errors.Is(w.Err(), context.Canceled) }

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
