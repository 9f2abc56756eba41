package pool

import (
	"context"
	"testing"

	"github.com/conckata/conckata/internal/conformance/pooltest"
	"github.com/conckata/conckata/internal/harness"
)

// This file is the same in katas/pool and solutions/pool: both run the one
// conformance suite. Read it in internal/conformance/pooltest.

func TestMain(m *testing.M) { harness.Main(m) }

func TestPool(t *testing.T) {
	pooltest.Run(t, pooltest.Impl{
		New: func(ctx context.Context, cfg pooltest.Config) (pooltest.Pool, error) {
			p, err := New(ctx, Config[int](cfg))
			if err != nil {
				return nil, err
			}
			return pooltest.Adapt[*Lease[int]](p, func(s Stats) pooltest.Stats { return pooltest.Stats(s) }), nil
		},
		ErrClosed: ErrClosed,
	})
}
