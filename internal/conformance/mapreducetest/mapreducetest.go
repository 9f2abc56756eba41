// Package mapreducetest is the conformance suite of the mapreduce kata: the
// properties of docs/katas/mapreduce.md, run against any implementation of
// its API (the learner's kata, the reference, the peers and the mutants).
//
// The counts are compared with Count, a plain sequential model, on texts that
// rapid draws with multi-byte runes and reads that split them. The memory
// property samples the heap while a large generated stream is read, so it
// sees an implementation that holds the input, not one that holds a little
// too much; the cancellation property bounds how much is read after the
// cancel, not how long it takes.
package mapreducetest

import (
	"context"
	"io"
	"strings"
	"testing"
	"unicode"

	"github.com/conckata/conckata/internal/harness"
)

// Options mirrors the kata's Options.
type Options struct{ Workers, ChunkSize int }

// Impl is an implementation of the mapreduce kata.
type Impl struct {
	WordCount func(ctx context.Context, r io.Reader, opt Options) (map[string]int, error)
}

// Suite holds the properties, in the order the doc page explains them.
var Suite = &harness.Suite[Impl]{
	Kata: "mapreduce",
	Properties: []harness.Property[Impl]{
		{Name: "equals-sequential-count", Expect: "for any text, any chunk size, any number of workers and reads that split runes anywhere, the counts equal the sequential count", Check: equalsSequentialCount},
		{Name: "reader-errors-propagate", Expect: "an error of the reader, with or without the last bytes, is returned (errors.Is) with no counts", Check: readerErrorsPropagate},
		{Name: "memory-stays-bounded", Expect: "counting a stream far larger than the chunks never holds more than a few chunks: the heap stays far below the stream's size", Check: memoryStaysBounded},
		{Name: "cancel-stops-promptly", Expect: "once ctx is done, WordCount reads at most a few more chunks, returns ctx.Err() with no counts, and leaves nothing running", Check: cancelStopsPromptly},
		{Name: "negative-options-panic", Expect: `zero Options mean the defaults, and a negative Workers or ChunkSize panics with a "mapreduce: ..." message`, Check: negativeOptionsPanic},
	},
}

// Run checks every property of the mapreduce kata against impl.
func Run(t *testing.T, impl Impl) {
	t.Helper()
	Suite.Run(t, impl)
}

// Count is the sequential model of WordCount: the words of text, maximal runs
// of letters and digits (a byte that is not valid UTF-8 separates words),
// lower-cased with strings.ToLower, and how often each occurs.
func Count(text string) map[string]int {
	counts := map[string]int{}
	for _, w := range strings.FieldsFunc(text, notWordRune) {
		counts[strings.ToLower(w)]++
	}
	return counts
}

func notWordRune(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }
