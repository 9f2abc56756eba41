package main

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestMisspeltKataName(t *testing.T) {
	cases := map[string]string{
		"semaphor":   `no kata is called "semaphor"; did you mean "semaphore"?`,
		"semaphroe":  `no kata is called "semaphroe"; did you mean "semaphore"?`,
		"evnt":       `no kata is called "evnt"; did you mean "event"?`,
		"Lock":       `no kata is called "Lock"; did you mean "lock"?`,
		"xyz":        `no kata is called "xyz" (the board lists them: go run ./cmd/kata)`,
		"frobnicate": `no kata is called "frobnicate" (the board lists them: go run ./cmd/kata)`,
	}
	for name, want := range cases {
		a, _, _ := testApp(t, testTree(t, "semaphore"), nil)
		err := a.dispatch(t.Context(), []string{"test", name})
		if err == nil || err.Error() != want {
			t.Errorf("test %s: err = %v, want %q", name, err, want)
		}
		if exitCode(err) != exitUsage {
			t.Errorf("test %s: exit status %d, want %d", name, exitCode(err), exitUsage)
		}
	}
}

func TestEditDistance(t *testing.T) {
	cases := []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"", "abc", 3}, {"semaphor", "semaphore", 1},
		{"kitten", "sitting", 3}, {"lock", "lock", 0}, {"ab", "ba", 2},
	}
	for _, c := range cases {
		if got := editDistance(c.a, c.b); got != c.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
		}
		if got := editDistance(c.b, c.a); got != c.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", c.b, c.a, got, c.want)
		}
	}
}

// TestExitCodes checks the documented exit statuses: 0 solved, 1 failing,
// 2 for a usage error.
func TestExitCodes(t *testing.T) {
	cases := []struct {
		args []string
		want int
	}{
		{[]string{"test", "semaphore"}, exitOK},          // solved.json
		{[]string{"test", "lock"}, exitFailing},          // partial.json
		{[]string{"test", "semaphore", "-x"}, exitUsage}, // bad flag
		{[]string{"frobnicate"}, exitUsage},
		{[]string{"test", "semaphor"}, exitUsage},
		{[]string{"test"}, exitUsage},
		{[]string{"verify", "semaphor"}, exitUsage},
		{[]string{"watch", "semaphore", "lock"}, exitUsage},
	}
	for _, c := range cases {
		a, _, _ := testApp(t, testTree(t, "semaphore*", "lock*"), map[string][]string{
			"-race -count=1 -json ./katas/semaphore": {"solved.json"},
			"-race -count=1 -json ./katas/lock":      {"partial.json katas/semaphore=katas/lock"},
		})
		err := a.dispatch(t.Context(), c.args)
		if got := exitCode(err); got != c.want {
			t.Errorf("%s: exit status %d (err %v), want %d", strings.Join(c.args, " "), got, err, c.want)
		}
	}
	if got := exitCode(errors.New("reading a file")); got != exitFailing {
		t.Errorf("exitCode(another error) = %d, want %d", got, exitFailing)
	}
	if got := exitCode(fmt.Errorf("test: %w", usageErrorf("bad flag"))); got != exitUsage {
		t.Errorf("exitCode(a wrapped usage error) = %d, want %d", got, exitUsage)
	}
}
