// Package mapreduce counts the words of a stream in parallel, in bounded
// memory: the Go form of a word count that a ProcessPoolExecutor maps over
// the chunks of a file and then reduces.
package mapreduce

import (
	"context"
	"io"
	"runtime"

	"golang.org/x/sync/errgroup"
)

// defaultChunkSize is the chunk size of an Options with ChunkSize 0.
const defaultChunkSize = 1 << 20

// Options tunes WordCount. The zero value is ready: as many workers as
// GOMAXPROCS, and chunks of 1 MiB. Negative values are caller bugs, and
// WordCount panics on them.
type Options struct {
	// Workers is how many goroutines count chunks at once; 0 means
	// runtime.GOMAXPROCS(0). One more goroutine reads.
	Workers int
	// ChunkSize is how many bytes make a chunk; 0 means 1 MiB. A chunk ends
	// between words, so it is a little shorter, or, when a single word is
	// longer than ChunkSize, as long as the word.
	ChunkSize int
}

// WordCount reads r to its end and returns how many times each word occurs
// in it. A word is a maximal run of Unicode letters and digits
// (unicode.IsLetter, unicode.IsDigit), lower-cased rune by rune
// (unicode.ToLower, as strings.ToLower does); every other rune, and every
// byte that is not valid UTF-8, separates words.
//
// r is read by one goroutine, chunk by chunk, and the chunks are counted by
// opt.Workers goroutines, so memory stays bounded by about
// (opt.Workers + 2) × opt.ChunkSize plus the counts, whatever the length of
// r. A chunk is cut only between words, even when a multi-byte rune is split
// between two Reads.
//
// WordCount returns the first error of r other than io.EOF, and returns
// ctx.Err() if ctx is done before r is read to its end; in both cases it
// returns no counts. A done ctx stops the reading before its next Read, but
// cannot interrupt a Read that blocks. WordCount returns only when every
// goroutine it started has ended.
func WordCount(ctx context.Context, r io.Reader, opt Options) (map[string]int, error) {
	workers, chunkSize := opt.resolve()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	g, gctx := errgroup.WithContext(ctx)
	chunks := make(chan []byte)
	// free holds buffers that workers are done with, for the reader to reuse,
	// so that a long stream allocates a few buffers instead of one per chunk.
	free := make(chan []byte, workers+2)
	tallies := make([]tally, workers)
	for w := range tallies {
		tallies[w] = tally{}
		g.Go(func() error {
			var word []byte
			for chunk := range chunks {
				word = tallies[w].count(chunk, word)
				select {
				case free <- chunk[:0]:
				default:
				}
			}
			return nil
		})
	}
	g.Go(func() error {
		defer close(chunks)
		return split(gctx, r, chunkSize, chunks, free)
	})
	if err := g.Wait(); err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, err
	}
	return merge(tallies), nil
}

// resolve returns the number of workers and the chunk size that o stands
// for, and panics on negative values.
func (o Options) resolve() (workers, chunkSize int) {
	switch {
	case o.Workers < 0:
		panic("mapreduce: negative Options.Workers")
	case o.ChunkSize < 0:
		panic("mapreduce: negative Options.ChunkSize")
	}
	workers, chunkSize = o.Workers, o.ChunkSize
	if workers == 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	if chunkSize == 0 {
		chunkSize = defaultChunkSize
	}
	return workers, chunkSize
}

// merge adds up the workers' tallies.
func merge(tallies []tally) map[string]int {
	counts := make(map[string]int, len(tallies[0]))
	for _, t := range tallies {
		for word, n := range t {
			counts[word] += *n
		}
	}
	return counts
}
