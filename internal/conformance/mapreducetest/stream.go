package mapreducetest

import (
	"context"
	"errors"
	"maps"
	"runtime"
	"runtime/debug"
	"sync/atomic"
	"testing"
)

// The stream of memory-stays-bounded: streamSize bytes counted with chunks
// of streamChunk bytes, whose heap must grow by less than heapLimit. The
// stream is small enough to count in about a second under the race detector;
// the garbage collector runs often meanwhile (GOGC=10), so that the heap
// measured is close to what is live.
const (
	streamSize  = 8 << 20
	streamChunk = 16 << 10
	heapLimit   = streamSize / 4
	sampleEvery = 256 << 10
)

func memoryStaysBounded(t *testing.T, impl Impl) {
	blk := block(4 << 10)
	want := Count(string(blk))
	reps := streamSize / len(blk)
	for w := range want {
		want[w] *= reps
	}
	defer debug.SetGCPercent(debug.SetGCPercent(10))
	var before, peak runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	var progress atomic.Int64
	s := &stream{block: blk, readSize: 8 << 10, size: int64(reps * len(blk)), onRead: func(served int64) {
		progress.Store(served)
		if served%sampleEvery < 8<<10 {
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			if m.HeapAlloc > peak.HeapAlloc {
				peak = m
			}
		}
	}}
	opt := Options{Workers: 2, ChunkSize: streamChunk}
	res := callWatched(t, impl, context.Background(), s, opt, &progress)
	if res.err != nil || !maps.Equal(res.counts, want) {
		t.Fatalf("WordCount(ctx, a stream of %d MiB, %+v) returned (%d words, %v), want the %d words of the stream and nil", s.size>>20, opt, len(res.counts), res.err, len(want))
	}
	grew := int64(peak.HeapAlloc) - int64(before.HeapAlloc)
	t.Logf("the heap grew by %d KiB while %d MiB were counted", grew>>10, s.size>>20)
	if grew > heapLimit {
		t.Fatalf("WordCount(ctx, a stream of %d MiB, %+v): the heap grew by %d KiB while reading it, want less than %d KiB (does it hold the input, or read ahead of the workers without bound?)",
			s.size>>20, opt, grew>>10, heapLimit>>10)
	}
}

func cancelStopsPromptly(t *testing.T, impl Impl) {
	opt := Options{Workers: 2, ChunkSize: streamChunk}
	allowance := int64(opt.Workers+2) * int64(opt.ChunkSize) // what may be read after the cancel
	// The streams are endless for a count that stops in time: one that reads
	// on past the allowance finds the stream ending a chunk later, so that it
	// returns, and fails, at once.
	beyond := allowance + int64(opt.ChunkSize)
	blk := block(4 << 10)

	// A ctx that is done already.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	s := &stream{block: blk, readSize: 16 << 10, size: beyond}
	res := call(t, impl, ctx, s, opt)
	if !errors.Is(res.err, context.Canceled) || res.counts != nil || s.served > allowance {
		t.Fatalf("WordCount(a cancelled ctx, an endless stream, %+v) returned (%d words, %v) after reading %d bytes, want (nil, context.Canceled) after at most %d",
			opt, len(res.counts), res.err, s.served, allowance)
	}

	// A ctx cancelled while the stream is read: the stream cancels it once it
	// has served 1 MiB, and counts what is read after that.
	ctx, cancel = context.WithCancel(context.Background())
	defer cancel()
	const cancelAt = 1 << 20
	s = &stream{block: blk, readSize: 16 << 10, size: -1}
	s.onRead = func(served int64) {
		if served >= cancelAt && s.size < 0 {
			cancel()
			s.size = served + beyond
		}
	}
	res = call(t, impl, ctx, s, opt)
	if after := s.served - cancelAt; !errors.Is(res.err, context.Canceled) || res.counts != nil || after > allowance {
		t.Fatalf("WordCount(ctx, an endless stream, %+v) with ctx cancelled after 1 MiB returned (%d words, %v) after reading %d bytes more, want (nil, context.Canceled) after at most %d more",
			opt, len(res.counts), res.err, after, allowance)
	}
}
