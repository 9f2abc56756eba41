package mapreducetest

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/conckata/conckata/internal/bubble"
	"pgregory.net/rapid"
)

func equalsSequentialCount(t *testing.T, impl Impl) {
	rapid.Check(t, func(t *rapid.T) {
		text := drawText(t)
		opt := Options{
			Workers:   rapid.IntRange(0, 4).Draw(t, "workers"),
			ChunkSize: rapid.IntRange(0, 64).Draw(t, "chunk size"),
		}
		r := &splitReader{text: []byte(text), sizes: drawSizes(t), failAt: -1, eofWithLast: rapid.Bool().Draw(t, "EOF with the last bytes")}
		res := call(t, impl, context.Background(), r, opt)
		if res.err != nil {
			t.Fatalf("WordCount(ctx, %s, %+v) returned error %v, want nil", describe(text), opt, res.err)
		}
		if want := Count(text); !maps.Equal(res.counts, want) {
			t.Fatalf("WordCount(ctx, %s, %+v) differs from the sequential count: %s", describe(text), opt, diff(want, res.counts))
		}
	})
}

// diff lists, for the first few words counted differently, both counts.
func diff(want, got map[string]int) string {
	var words []string
	for w := range maps.Keys(want) {
		if got[w] != want[w] {
			words = append(words, w)
		}
	}
	for w := range maps.Keys(got) {
		if _, ok := want[w]; !ok {
			words = append(words, w)
		}
	}
	slices.Sort(words)
	var parts []string
	for i, w := range words {
		if i == 5 {
			parts = append(parts, fmt.Sprintf("and %d more", len(words)-i))
			break
		}
		parts = append(parts, fmt.Sprintf("%s: got %d, want %d", quoteShort(w), got[w], want[w]))
	}
	return strings.Join(parts, "; ")
}

// describe names a text in a failure message: quoted, and cut if long.
func describe(text string) string { return "a reader of " + quoteShort(text) }

// quoteShort quotes s, cut after about 60 bytes, at a rune's start, with
// its length if it is longer.
func quoteShort(s string) string {
	if len(s) <= 60 {
		return fmt.Sprintf("%q", s)
	}
	cut := 60
	for cut > 56 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return fmt.Sprintf("%q... (%d bytes)", s[:cut], len(s))
}

func readerErrorsPropagate(t *testing.T, impl Impl) {
	rapid.Check(t, func(t *rapid.T) {
		text := drawText(t)
		failAt := rapid.IntRange(0, len(text)).Draw(t, "fail after bytes")
		withLast := rapid.Bool().Draw(t, "error with the last bytes")
		opt := Options{Workers: rapid.IntRange(1, 3).Draw(t, "workers"), ChunkSize: rapid.IntRange(1, 32).Draw(t, "chunk size")}
		r := &splitReader{text: []byte(text), sizes: drawSizes(t), failAt: failAt, failWithLast: withLast && failAt > 0}
		res := call(t, impl, context.Background(), r, opt)
		if !errors.Is(res.err, errRead) || res.counts != nil {
			t.Fatalf("WordCount(ctx, r, %+v) with r failing after %d of the %d bytes of %s returned (%d words, %v), want (nil, an error that errors.Is the reader's %q)",
				opt, failAt, len(text), describe(text), len(res.counts), res.err, errRead)
		}
	})
}

func negativeOptionsPanic(t *testing.T, impl Impl) {
	ctx := context.Background()
	text := "Go, go GO! gopher"
	res := call(t, impl, ctx, strings.NewReader(text), Options{})
	if res.err != nil || !maps.Equal(res.counts, Count(text)) {
		t.Fatalf("WordCount(ctx, %q, Options{}) = (%v, %v), want (%v, nil): zero Options mean GOMAXPROCS workers and 1 MiB chunks",
			text, res.counts, res.err, Count(text))
	}
	for _, opt := range []Options{{Workers: -1}, {ChunkSize: -1}, {Workers: -2, ChunkSize: 8}} {
		v := bubble.Panics(func() { _, _ = impl.WordCount(ctx, strings.NewReader(text), opt) })
		if msg := fmt.Sprint(v); v == nil || !strings.HasPrefix(msg, "mapreduce: ") {
			t.Fatalf("WordCount(ctx, r, %+v) panicked with %v, want a panic \"mapreduce: ...\" (a negative option is a caller bug)", opt, v)
		}
	}
}
