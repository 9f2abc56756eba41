package mapreduce

import (
	"context"
	"io"
	"testing"

	"github.com/conckata/conckata/internal/conformance/mapreducetest"
	"github.com/conckata/conckata/internal/harness"
)

// This file is the same in katas/mapreduce and solutions/mapreduce: both run
// the one conformance suite. Read it in internal/conformance/mapreducetest.

func TestMain(m *testing.M) { harness.Main(m) }

func TestMapReduce(t *testing.T) {
	mapreducetest.Run(t, mapreducetest.Impl{
		WordCount: func(ctx context.Context, r io.Reader, opt mapreducetest.Options) (map[string]int, error) {
			return WordCount(ctx, r, Options{Workers: opt.Workers, ChunkSize: opt.ChunkSize})
		},
	})
}
