package mapreducetest

import "github.com/conckata/conckata/internal/harness"

// mutants are the word-count bugs that parallel chunking invites, each one
// switch on a plain implementation.
var mutants = []harness.Mutant[Impl]{
	{Name: "chunk-splits-words", Bug: "a chunk ends after ChunkSize bytes wherever that falls, so a word across the cut counts as two", Impl: mutant(bugs{splitWords: true})},
	{Name: "rune-split-across-reads", Bug: "a multi-byte rune cut short by the end of a read is taken for an invalid byte, a separator, instead of being kept for the next chunk", Impl: mutant(bugs{splitRunes: true})},
	{Name: "ascii-only-lower-case", Bug: "words are lower-cased byte by byte, A-Z only, so École and ÉCOLE count apart", Impl: mutant(bugs{asciiLower: true})},
	{Name: "reader-error-swallowed", Bug: "a read error is taken for the end of the stream, and the counts so far come back as if complete", Impl: mutant(bugs{swallowErrors: true})},
	{Name: "reads-everything-first", Bug: "every chunk is read into memory before the workers start, so the heap grows with the stream", Impl: mutant(bugs{readAll: true})},
	{Name: "ctx-ignored", Bug: "ctx is never looked at: a cancelled count reads on to the end of the stream", Impl: mutant(bugs{ignoreCtx: true})},
	{Name: "negative-options-accepted", Bug: "negative Workers or ChunkSize are taken for the defaults instead of panicking", Impl: mutant(bugs{acceptNegative: true})},
}
