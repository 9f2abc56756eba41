package gather

import (
	"context"
	"testing"

	"github.com/conckata/conckata/internal/conformance/gathertest"
	"github.com/conckata/conckata/internal/harness"
)

// This file is the same in katas/gather and solutions/gather: both run the one
// conformance suite. Read it in internal/conformance/gathertest.

func TestMain(m *testing.M) { harness.Main(m) }

func TestGather(t *testing.T) {
	gathertest.Run(t, gathertest.Impl{
		Gather: Gather[int],
		GatherAll: func(ctx context.Context, fns ...gathertest.Func) []gathertest.Result {
			return gathertest.Results(GatherAll(ctx, fns...))
		},
	})
}
