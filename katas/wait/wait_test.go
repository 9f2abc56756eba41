package wait

import (
	"context"
	"testing"

	"github.com/conckata/conckata/internal/conformance/waittest"
	"github.com/conckata/conckata/internal/harness"
)

// This file is the same in katas/wait and solutions/wait: both run the one
// conformance suite. Read it in internal/conformance/waittest.

func TestMain(m *testing.M) { harness.Main(m) }

func TestWait(t *testing.T) {
	waittest.Run(t, waittest.Impl{
		Wait: func(ctx context.Context, tasks []*waittest.Task, mode int) (done, pending []*waittest.Task, err error) {
			return Wait(ctx, tasks, Mode(mode))
		},
		AllCompleted:   int(AllCompleted),
		FirstCompleted: int(FirstCompleted),
		FirstError:     int(FirstError),
	})
}
