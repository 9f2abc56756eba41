package mapreduce

import (
	"unicode"
	"unicode/utf8"
)

// isWordRune reports whether r belongs to a word: a Unicode letter or digit.
func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// tally counts the words of one chunk. It maps a word to a pointer so that
// counting a word seen before is a lookup, which with a []byte key converted
// in the index expression allocates nothing; only a new word allocates.
type tally map[string]*int

// count adds the words of text to t. word is scratch space for the
// lower-cased word being read, and is returned for reuse.
func (t tally) count(text, word []byte) []byte {
	word = word[:0]
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf { // ASCII, most of most text: no decoding
			i++
			switch {
			case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
				word = append(word, c)
			case 'A' <= c && c <= 'Z':
				word = append(word, c+('a'-'A'))
			default:
				word = t.add(word)
			}
			continue
		}
		r, size := utf8.DecodeRune(text[i:])
		i += size
		if isWordRune(r) {
			word = utf8.AppendRune(word, unicode.ToLower(r))
		} else {
			word = t.add(word)
		}
	}
	return t.add(word)
}

// add counts word, if it is not empty, and returns it emptied.
func (t tally) add(word []byte) []byte {
	if len(word) == 0 {
		return word
	}
	if n := t[string(word)]; n != nil {
		*n++
	} else {
		one := 1
		t[string(word)] = &one
	}
	return word[:0]
}

// wordEnd returns where the text of a read may be cut, at the end of its
// last separator: text[:cut] holds whole words only, and text[cut:] starts
// the next chunk. It returns 0 when text holds no separator, so all of it may
// belong to one word. A rune whose bytes are not all in text yet is not a
// separator: it may be a letter once the rest is read.
func wordEnd(text []byte) int {
	end := len(text)
	// Leave out a rune cut short by the end of the read.
	for back := 1; back <= utf8.UTFMax && back <= len(text); back++ {
		if utf8.RuneStart(text[len(text)-back]) {
			if !utf8.FullRune(text[len(text)-back:]) {
				end = len(text) - back
			}
			break
		}
	}
	for end > 0 {
		r, size := utf8.DecodeLastRune(text[:end])
		if !isWordRune(r) {
			return end
		}
		end -= size
	}
	return 0
}
