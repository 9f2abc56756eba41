package main

import (
	"errors"
	"strings"
	"testing"
)

func TestTestCommand(t *testing.T) {
	cases := []struct {
		golden    string
		recording string
		args      []string
		wantErr   error
	}{
		{"test-stub", "stub.json", nil, errReported},
		{"test-partial", "partial.json", nil, errReported},
		{"test-partial-v", "partial.json", []string{"-v"}, errReported},
		{"test-solved", "solved.json", nil, nil},
		{"test-compile", "compile.json", nil, errReported},
		{"test-crash-init", "crash-init.json", []string{"-v"}, errReported},
		{"test-crash-timeout", "crash-timeout.json", nil, errReported},
	}
	for _, c := range cases {
		t.Run(c.golden, func(t *testing.T) {
			a, stdout, _ := testApp(t, testTree(t, "semaphore*"), map[string][]string{
				"-race -json ./katas/semaphore": {c.recording},
			})
			err := a.dispatch(t.Context(), append([]string{"test", "semaphore"}, c.args...))
			if !errors.Is(err, c.wantErr) {
				t.Errorf("test semaphore %s: err = %v, want %v", strings.Join(c.args, " "), err, c.wantErr)
			}
			checkGolden(t, c.golden, stdout.String())
		})
	}
}

func TestTestCommandArguments(t *testing.T) {
	cases := map[string]string{
		"test":                "want one kata name, got 0",
		"test semaphore lock": "want one kata name, got 2",
		"test nosuch":         `no kata is called "nosuch"`,
		"test lock":           "kata lock is not in this checkout yet",
		"test semaphore -x":   "flag provided but not defined: -x",
	}
	for args, want := range cases {
		t.Run(args, func(t *testing.T) {
			a, _, _ := testApp(t, testTree(t, "semaphore"), nil)
			err := a.dispatch(t.Context(), strings.Fields(args))
			if err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("%s: err = %v, want one containing %q", args, err, want)
			}
		})
	}
}
