package harness

import (
	"os"
	"path/filepath"
	"testing"
)

// The hook that TestAtFailureRunsInAFailedPropertysProcess watches: in a
// property's process, it marks the file that KATA_TEST_ATFAILURE names.
func init() {
	AtFailure(func() {
		if path := os.Getenv("KATA_TEST_ATFAILURE"); path != "" {
			os.WriteFile(path, []byte("ran"), 0o644)
		}
	})
}

func TestAtFailureRunsInAFailedPropertysProcess(t *testing.T) {
	cases := []struct {
		name string
		impl toyImpl
		want bool // the hook runs
	}{
		{"fails", impl(func() *offByOne { return new(offByOne) }), true},
		{"passes", impl(func() *good { return new(good) }), false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if inChild() {
				toy.run(t, c.impl, nil)
				return
			}
			path := filepath.Join(t.TempDir(), "mark")
			t.Setenv("KATA_TEST_ATFAILURE", path)
			runChild(t.Name()+"/counts", hangLimit(toy.HangLimit))
			_, err := os.Stat(path)
			if ran := err == nil; ran != c.want {
				t.Errorf("the AtFailure hook ran: %v, want %v", ran, c.want)
			}
		})
	}
}
