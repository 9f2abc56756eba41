package bench

import (
	"bytes"
	"context"
	"io"
	"math/rand/v2"
	"runtime"
	"runtime/metrics"
	"strings"
	"sync"
	"testing"

	"github.com/conckata/conckata/internal/conformance/mapreducetest"
	kata "github.com/conckata/conckata/katas/mapreduce"
	"github.com/conckata/conckata/solutions/mapreduce"
)

// wordCount is one word count under measurement, with its options set.
type wordCount func(ctx context.Context, r io.Reader) (map[string]int, error)

var wordCounts = []impl[wordCount]{
	{"reference", func() wordCount {
		return func(ctx context.Context, r io.Reader) (map[string]int, error) {
			return mapreduce.WordCount(ctx, r, mapreduce.Options{})
		}
	}},
	{"reference-1-worker", func() wordCount {
		return func(ctx context.Context, r io.Reader) (map[string]int, error) {
			return mapreduce.WordCount(ctx, r, mapreduce.Options{Workers: 1})
		}
	}},
	{"sequential", func() wordCount {
		return func(ctx context.Context, r io.Reader) (map[string]int, error) {
			return mapreducetest.Sequential(ctx, r, mapreducetest.Options{})
		}
	}},
	{"kata", func() wordCount {
		return func(ctx context.Context, r io.Reader) (map[string]int, error) {
			return kata.WordCount(ctx, r, kata.Options{})
		}
	}},
}

func probeWordCount(wc wordCount) { _, _ = wc(context.Background(), strings.NewReader("probe")) }

// benchText is 64 MiB of text drawn from a Zipf distribution over a
// vocabulary of 10,000 words, one in ten of them with non-ASCII letters, made
// once and deterministically.
var benchText = sync.OnceValue(func() []byte {
	const size = 64 << 20
	r := rand.New(rand.NewPCG(12, 1))
	vocabulary := make([]string, 10_000)
	syllables := []string{"ka", "ta", "ro", "Mi", "ne", "so", "lu", "é", "ß", "Ω", "日", "de"}
	for i := range vocabulary {
		var w strings.Builder
		for range 1 + r.IntN(4) {
			s := syllables[r.IntN(len(syllables))]
			if i%10 != 0 && s[0] >= 0x80 {
				s = "x" // nine words in ten are ASCII
			}
			w.WriteString(s)
		}
		vocabulary[i] = w.String()
	}
	zipf := rand.NewZipf(r, 1.1, 1, uint64(len(vocabulary)-1))
	separators := []string{" ", " ", " ", ", ", ".\n", " — "}
	var text bytes.Buffer
	text.Grow(size + 64)
	for text.Len() < size {
		text.WriteString(vocabulary[zipf.Uint64()])
		text.WriteString(separators[r.IntN(len(separators))])
	}
	return text.Bytes()
})

// heapSampler is a reader that samples the heap every MiB it serves, to
// report the peak growth of the heap while a count reads it. It reads
// runtime/metrics, as runtime.ReadMemStats would stop the world each time
// and hold up the workers.
type heapSampler struct {
	r          io.Reader
	served     int
	base, peak uint64
	sample     []metrics.Sample
}

func newHeapSampler(r io.Reader) *heapSampler {
	h := &heapSampler{r: r, sample: []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}}
	h.base = h.heap()
	h.peak = h.base
	return h
}

// heap returns the bytes of heap objects, live or not yet swept.
func (h *heapSampler) heap() uint64 {
	metrics.Read(h.sample)
	return h.sample[0].Value.Uint64()
}

func (h *heapSampler) Read(p []byte) (int, error) {
	n, err := h.r.Read(p)
	if h.served/(1<<20) != (h.served+n)/(1<<20) {
		h.peak = max(h.peak, h.heap())
	}
	h.served += n
	return n, err
}

// BenchmarkMapReduce counts the words of 64 MiB of generated text
// (op=count-64mib), reporting MB/s and the heap's peak growth while reading
// (peak-MiB). impl=reference uses GOMAXPROCS workers; compare it with
// impl=sequential, and with impl=reference-1-worker for the same counting
// code on one worker.
func BenchmarkMapReduce(b *testing.B) {
	text := benchText()
	b.Run("op=count-64mib", func(b *testing.B) {
		run(b, wordCounts, probeWordCount, func(b *testing.B, wc wordCount) {
			b.SetBytes(int64(len(text)))
			var peak uint64
			for b.Loop() {
				runtime.GC()
				h := newHeapSampler(bytes.NewReader(text))
				if _, err := wc(context.Background(), h); err != nil {
					b.Fatal(err)
				}
				peak = max(peak, h.peak-h.base)
			}
			b.ReportMetric(float64(peak)/(1<<20), "peak-MiB")
		})
	})
}
