package mapreducetest

import (
	"context"
	"io"
	"sync/atomic"
	"time"
)

// callTimeout bounds one call of WordCount, so that one that deadlocks or
// never stops reading fails the property instead of hanging it.
const callTimeout = 10 * time.Second

// fataler is what call needs of a *testing.T or a *rapid.T.
type fataler interface {
	Helper()
	Fatalf(format string, args ...any)
}

// result is what one call of WordCount returned.
type result struct {
	counts map[string]int
	err    error
}

// call runs impl.WordCount in a goroutine of its own and returns its result,
// or fails t if it has not returned within callTimeout. A panic in the call
// crashes the property, which the harness reports with the panic's site.
func call(t fataler, impl Impl, ctx context.Context, r io.Reader, opt Options) result {
	t.Helper()
	return callWatched(t, impl, ctx, r, opt, nil)
}

// callWatched is call for a long count: it fails t only when progress, the
// bytes read so far, has not moved for callTimeout, so that a count slowed
// down by a loaded machine is not taken for one that hangs. A nil progress
// bounds the whole call.
func callWatched(t fataler, impl Impl, ctx context.Context, r io.Reader, opt Options, progress *atomic.Int64) result {
	t.Helper()
	done := make(chan result, 1)
	go func() {
		counts, err := impl.WordCount(ctx, r, opt)
		done <- result{counts, err}
	}()
	ticker := time.NewTicker(callTimeout)
	defer ticker.Stop()
	seen := int64(0)
	for {
		select {
		case res := <-done:
			return res
		case <-ticker.C:
			if progress == nil || progress.Load() == seen {
				t.Fatalf("WordCount(ctx, r, %+v) had not returned after %v without reading anything more (a deadlock, or a read that never stops?)", opt, callTimeout)
				return result{}
			}
			seen = progress.Load()
		}
	}
}
