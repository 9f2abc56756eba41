package main

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestWrap(t *testing.T) {
	line := "FAIL set-wakes-all: expected Set wakes every waiter; got 2 of 3 Waits still blocked at katas/event/event.go:41 (read docs/katas/event.md#set-wakes-all)"
	got := wrap(line, 40, "", "    ")
	want := `FAIL set-wakes-all: expected Set wakes
    every waiter; got 2 of 3 Waits still
    blocked at katas/event/event.go:41
    (read
    docs/katas/event.md#set-wakes-all)`
	if got != want {
		t.Errorf("wrap at 40 =\n%s\nwant\n%s", got, want)
	}
	for _, l := range strings.Split(got, "\n") {
		if n := utf8.RuneCountInString(l); n > 40 && strings.Contains(strings.TrimSpace(l), " ") {
			t.Errorf("line of %d columns: %q", n, l)
		}
	}
	if got := strings.Join(strings.Fields(got), " "); got != line {
		t.Errorf("wrapping lost or changed words:\n%s\nwant\n%s", got, line)
	}
	if got := wrap("✓ short", 80, "", "    "); got != "✓ short" {
		t.Errorf("a short line = %q, want it unchanged", got)
	}
}
