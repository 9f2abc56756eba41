package main

import (
	"os"
	"strings"
	"unicode/utf8"

	"golang.org/x/term"
)

// defaultWidth is the width the runner wraps to when its output is not a
// terminal, or a terminal that does not say how wide it is.
const defaultWidth = 80

// widthOf returns the width of the terminal f, or defaultWidth.
func widthOf(f *os.File, terminal bool) int {
	if terminal {
		if w, _, err := term.GetSize(int(f.Fd())); err == nil && w >= 20 {
			return w
		}
	}
	return defaultWidth
}

// wrap breaks line at spaces into lines of at most width columns, the first
// starting with first and the others with rest (indentation). A word longer
// than the room left (a path, a command) stays whole on a line of its own.
func wrap(line string, width int, first, rest string) string {
	var b strings.Builder
	prefix, col := first, 0
	for _, word := range strings.Fields(line) {
		n := utf8.RuneCountInString(word)
		switch {
		case col == 0:
			b.WriteString(prefix)
			col = utf8.RuneCountInString(prefix)
		case col+1+n > width:
			b.WriteString("\n" + rest)
			col = utf8.RuneCountInString(rest)
		default:
			b.WriteByte(' ')
			col++
		}
		b.WriteString(word)
		col += n
	}
	return b.String()
}
