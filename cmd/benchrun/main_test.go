package main

import (
	"errors"
	"flag"
	"os"
	"strings"
	"testing"

	"github.com/conckata/conckata/internal/harness"
)

func TestMain(m *testing.M) { harness.Main(m) }

func TestRunRefusesBadArguments(t *testing.T) {
	devnull, err := os.Open(os.DevNull)
	if err != nil {
		t.Fatal(err)
	}
	defer devnull.Close()
	for args, want := range map[string]string{
		"":                  "want -o FILE and no arguments",
		"-o x.txt extra":    "want -o FILE and no arguments",
		"-count=x -o x.txt": `invalid value "x" for flag -count`,
	} {
		err := run(t.Context(), devnull, strings.Fields(args))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("run(%q): err = %v, want one containing %q", args, err, want)
		}
	}
	if err := run(t.Context(), devnull, []string{"-h"}); !errors.Is(err, flag.ErrHelp) {
		t.Errorf("run(-h) = %v, want flag.ErrHelp", err)
	}
}
