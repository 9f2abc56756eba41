package main

import (
	"errors"
	"fmt"

	"github.com/conckata/conckata/internal/catalog"
)

// Exit statuses, as the package doc, the usage text and the README state.
const (
	exitOK      = 0 // solved, or the command did what was asked
	exitFailing = 1 // a property fails, a check fails, or the command could not do its work
	exitUsage   = 2 // a bad flag, an unknown command, or no kata of that name
)

// usageError is an error in how kata was called. main exits with exitUsage
// on it, so that a script can tell a typo from a failing kata.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

// usageErrorf returns a usageError.
func usageErrorf(format string, args ...any) error {
	return &usageError{fmt.Sprintf(format, args...)}
}

// exitCode returns the status main exits with after err.
func exitCode(err error) int {
	var u *usageError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &u):
		return exitUsage
	}
	return exitFailing
}

// unknownKata is the error for a kata name the catalogue does not know: it
// suggests the nearest name when one is close enough to be a typo.
func unknownKata(name string) error {
	if near, ok := nearestKata(name); ok {
		return usageErrorf("no kata is called %q; did you mean %q?", name, near)
	}
	return usageErrorf("no kata is called %q (the board lists them: go run ./cmd/kata)", name)
}

// nearestKata returns the catalogue's name closest to name by edit distance,
// if it is at most a third of name's length away (at least 1, at most 3):
// "semaphor" suggests "semaphore", "xyz" suggests nothing.
func nearestKata(name string) (string, bool) {
	limit := min(max(len(name)/3, 1), 3)
	best, bestDist := "", limit+1
	for _, k := range catalog.All {
		if d := editDistance(name, k.Name); d < bestDist {
			best, bestDist = k.Name, d
		}
	}
	return best, best != ""
}

// editDistance is the Levenshtein distance between a and b: the fewest
// insertions, deletions and substitutions of a byte that turn a into b.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
