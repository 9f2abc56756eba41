package main

import (
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/conckata/conckata/internal/harness"
)

func TestMain(m *testing.M) { harness.Main(m) }

const recorded = "../../internal/benchreport/testdata/run.txt"

func TestRunWritesThePageAndOnlyItsCharts(t *testing.T) {
	dir := t.TempDir()
	page := filepath.Join(dir, "benchmarks.md")
	charts := filepath.Join(dir, "benchmarks")
	if err := os.MkdirAll(charts, 0o755); err != nil {
		t.Fatal(err)
	}
	// A chart of an earlier run, of a kata this one did not reach.
	if err := os.WriteFile(filepath.Join(charts, "pool.svg"), []byte("<svg/>"), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout strings.Builder
	if err := run(&stdout, io.Discard, []string{"-o", page, recorded}); err != nil {
		t.Fatal(err)
	}
	md, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"DO NOT EDIT", "## counter", "](benchmarks/counter.svg)", "its raw output, `" + recorded + "`"} {
		if !strings.Contains(string(md), want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	svgs, _ := filepath.Glob(filepath.Join(charts, "*.svg"))
	for i := range svgs {
		svgs[i] = filepath.Base(svgs[i])
	}
	if want := []string{"counter.svg", "gather.svg", "semaphore.svg", "task.svg"}; !slices.Equal(svgs, want) {
		t.Errorf("charts %q, want %q", svgs, want)
	}
	if !strings.Contains(stdout.String(), "wrote "+page+" and 4 charts") {
		t.Errorf("stdout = %q", stdout.String())
	}
}

func TestRunRefusesBadArguments(t *testing.T) {
	cases := map[string]string{
		"":                     "want one raw output file, got 0",
		"a.txt b.txt":          "want one raw output file, got 2",
		"testdata/missing.txt": "missing.txt: no such file",
	}
	// A page whose directory is a file cannot be written.
	blocked := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(blocked, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	cases["-o "+blocked+"/x.md "+recorded] = "not a directory"
	for args, want := range cases {
		err := run(io.Discard, io.Discard, strings.Fields(args))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("run(%q): err = %v, want one containing %q", args, err, want)
		}
	}
	if err := run(io.Discard, io.Discard, []string{"-h"}); !errors.Is(err, flag.ErrHelp) {
		t.Errorf("run(-h) = %v, want flag.ErrHelp", err)
	}
}
