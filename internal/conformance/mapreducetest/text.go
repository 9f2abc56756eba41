package mapreducetest

import (
	"strings"
	"unicode"

	"pgregory.net/rapid"
)

// words are spellings that must, or must not, count as the same word: case
// in several scripts, multi-byte letters, digits of other scripts, a
// combining mark (not a letter: it splits "e\u0301" after the e).
var words = []string{
	"go", "Go", "GO", "gopher", "école", "ÉCOLE", "Straße", "STRASSE", "σίσυφος", "ΣΊΣΥΦΟΣ",
	"日本語", "٣٤٥", "naïve", "NAÏVE", "e\u0301t\u00e9", "İstanbul", "ǅemal", "x2", "2024", "ﬁne",
}

// separators are runs of runes that are neither letters nor digits,
// multi-byte ones among them, and bytes that are not valid UTF-8.
var separators = []string{
	" ", " ", "\n", ", ", " — ", "🙂", "\u00a0", "\t", "、", "'", "\xff", "\xe2\x82", "\xf0\x9f",
}

// token draws one piece of text: a word, a separator, or a run of runes from
// the letter, digit, punctuation and space tables, up to 40 runes long.
var token = rapid.OneOf(
	rapid.SampledFrom(words),
	rapid.SampledFrom(separators),
	rapid.StringOfN(rapid.RuneFrom(nil, unicode.Letter, unicode.Digit, unicode.Punct, unicode.Space), 1, 40, -1),
)

// drawText draws a text of up to 60 tokens, sometimes with a long word.
func drawText(t *rapid.T) string {
	tokens := rapid.SliceOfN(token, 0, 60).Draw(t, "tokens")
	if rapid.IntRange(0, 4).Draw(t, "long word") == 0 {
		tokens = append(tokens, " ", strings.Repeat("Ωmega", 16), " ")
	}
	return strings.Join(tokens, "")
}

// drawSizes draws the sizes of successive reads, 1 to 17 bytes.
func drawSizes(t *rapid.T) []int {
	return rapid.SliceOfN(rapid.IntRange(1, 17), 1, 8).Draw(t, "read sizes")
}

// block returns a text of a small vocabulary, about size bytes, ending with
// a separator, so that blocks served one after another count as the sum of
// their counts.
func block(size int) []byte {
	var b strings.Builder
	for i := 0; b.Len() < size; i++ {
		b.WriteString(words[i*7%len(words)])
		b.WriteString(separators[i%4])
	}
	b.WriteString(" ")
	return []byte(b.String())
}
