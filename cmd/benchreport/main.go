// Benchreport writes docs/benchmarks.md and its charts from the raw output
// of one run of the benchmarks in bench/. `make bench-report` runs the
// benchmarks, then this.
//
// Usage:
//
//	go run ./cmd/benchreport [-o docs/benchmarks.md] [-charts DIR] bench/results/bench-TIME.txt
//
// The page has a machine line, the goals that bench/goals.go declares,
// met or not, and for each kata a chart (DIR/KATA.svg; DIR is the page's
// name without .md) and benchstat's table. Charts of katas the run did not
// reach are removed, so that the directory holds the page's charts only.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/conckata/conckata/bench"
	"github.com/conckata/conckata/internal/benchreport"
	"github.com/conckata/conckata/internal/benchstats"
)

func main() {
	if err := run(os.Stdout, os.Stderr, os.Args[1:]); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "benchreport:", err)
		}
		os.Exit(2)
	}
}

func run(stdout, stderr io.Writer, args []string) error {
	fs := flag.NewFlagSet("benchreport", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("o", "docs/benchmarks.md", "the page to write")
	charts := fs.String("charts", "", "the charts' directory (default: the page's path without .md)")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: go run ./cmd/benchreport [-o PAGE] [-charts DIR] RAW-OUTPUT\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return fmt.Errorf("want one raw output file, got %d", fs.NArg())
	}
	if *charts == "" {
		*charts = strings.TrimSuffix(*out, ".md")
	}
	res, err := readResults(fs.Arg(0))
	if err != nil {
		return err
	}
	rel, err := filepath.Rel(filepath.Dir(*out), *charts)
	if err != nil {
		return err
	}
	page := benchreport.Page{Results: res, Katas: bench.Katas, Source: fs.Arg(0), Charts: filepath.ToSlash(rel),
		Table: benchreport.BenchstatTable(".", fs.Arg(0))}
	md, svgs, err := benchreport.Render(page)
	if err != nil {
		return err
	}
	if err := writeCharts(*charts, svgs); err != nil {
		return err
	}
	if err := os.WriteFile(*out, md, 0o644); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s and %d charts in %s\n", *out, len(svgs), *charts)
	return nil
}

func readResults(path string) (*benchstats.Results, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return benchstats.Read(f, path)
}

// writeCharts writes each chart as dir/NAME.svg, and removes the other
// SVG files of dir: charts of an earlier run that this page does not show.
func writeCharts(dir string, svgs map[string][]byte) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	old, err := filepath.Glob(filepath.Join(dir, "*.svg"))
	if err != nil {
		return err
	}
	for _, path := range old {
		if _, keep := svgs[strings.TrimSuffix(filepath.Base(path), ".svg")]; !keep {
			if err := os.Remove(path); err != nil {
				return err
			}
		}
	}
	for name, svg := range svgs {
		if err := os.WriteFile(filepath.Join(dir, name+".svg"), svg, 0o644); err != nil {
			return err
		}
	}
	return nil
}
