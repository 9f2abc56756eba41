// Package mapreduce counts the words of a stream in parallel, in bounded
// memory: the Go form of a word count that a ProcessPoolExecutor maps over
// the chunks of a file and then reduces.
//
// This is the kata: make `go run ./cmd/kata test mapreduce` pass.
// The properties are explained in docs/katas/mapreduce.md.
package mapreduce

import (
	"context"
	"io"
)

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
	panic("mapreduce: WordCount is not written yet (docs/katas/mapreduce.md)")
}
