package task

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/conckata/conckata/internal/conformance/tasktest"
	"github.com/conckata/conckata/internal/harness"
)

// This file is the same in katas/task and solutions/task: both run the one
// conformance suite, at T = int. Read it in internal/conformance/tasktest.

func TestMain(m *testing.M) { harness.Main(m) }

func TestTask(t *testing.T) {
	tasktest.Run(t, tasktest.Impl{
		Go: func(ctx context.Context, fn func(context.Context) (int, error)) tasktest.Task {
			return Go(ctx, fn)
		},
		WaitFor: func(ctx context.Context, t tasktest.Task, timeout time.Duration) (int, error) {
			return WaitFor(ctx, t.(*Task[int]), timeout)
		},
		Panic: func(err error) (any, []byte, bool) {
			var p *PanicError
			if !errors.As(err, &p) {
				return nil, nil, false
			}
			return p.Value, p.Stack, true
		},
		ErrNotDone: ErrNotDone,
		ErrTimeout: ErrTimeout,
	})
}
