package mapreducetest

import (
	"bufio"
	"context"
	"io"
	"unicode"
	"unicode/utf8"

	"github.com/conckata/conckata/internal/harness"
)

// Peers returns the mapreduce kata's peer: a sequential count that reads the
// stream rune by rune through a bufio.Reader, as a first program would.
// docs/contract.md names no library peer.
func Peers() []harness.Peer[Impl] {
	return []harness.Peer[Impl]{
		{
			Name: "sequential",
			Impl: Impl{WordCount: Sequential},
			Skip: map[string]string{
				"negative-options-panic": "a sequential count has no workers and no chunks: it ignores Options",
			},
		},
	}
}

// ctxEvery is how many runes Sequential reads between looks at ctx.
const ctxEvery = 4096

// Sequential counts the words of r in one goroutine, rune by rune, with the
// semantics of WordCount; it ignores opt. It looks at ctx every ctxEvery
// runes.
func Sequential(ctx context.Context, r io.Reader, opt Options) (map[string]int, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	counts := map[string]int{}
	var word []byte
	for i := 0; ; i++ {
		if i%ctxEvery == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		c, _, err := br.ReadRune()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		if unicode.IsLetter(c) || unicode.IsDigit(c) {
			word = utf8.AppendRune(word, unicode.ToLower(c))
			continue
		}
		if len(word) > 0 {
			counts[string(word)]++
			word = word[:0]
		}
	}
	if len(word) > 0 {
		counts[string(word)]++
	}
	return counts, nil
}
