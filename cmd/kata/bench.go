package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/conckata/conckata/bench"
	"github.com/conckata/conckata/internal/benchstats"
	"github.com/conckata/conckata/internal/catalog"
)

// The settings of kata bench: ten rounds, as benchstat needs for intervals
// and U-tests, short enough that the learner waits a minute or two.
const (
	benchCount = 10
	benchTime  = "100ms"
	benchCPUs  = "1,2"
)

// benchmarkOf finds a kata's benchmark; a test replaces it to show the
// refusal of a kata that has none, which no kata of the course lacks.
var benchmarkOf = bench.KataNamed

func (a *app) benchCmd(ctx context.Context, args []string) error {
	fset := flag.NewFlagSet("bench", flag.ContinueOnError)
	k, err := a.oneKata(fset, "bench NAME",
		"Bench measures your kata against the reference and the peers, once it passes its\n"+
			"tests: 10 rounds at -cpu 1,2, benchstat's comparison, then one line per op and\n"+
			"-cpu saying how far your kata is from the reference, and the reference from the\n"+
			"fastest peer. The raw results are kept in .kata/bench-NAME.txt.", args)
	if err != nil {
		return err
	}
	kb, ok := benchmarkOf(k.Name)
	if !ok {
		return fmt.Errorf("kata %s has no benchmark yet (bench/goals.go lists those that have)", k.Name)
	}
	if err := a.requirePassing(ctx, k); err != nil {
		return err
	}
	raw, err := a.runBenchmark(ctx, kb)
	if err != nil {
		return err
	}
	file := filepath.Join(a.root, ".kata", "bench-"+k.Name+".txt")
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(file, raw, 0o644); err != nil {
		return err
	}
	table, err := a.benchstatOf(ctx, file)
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "\n%s\n", strings.TrimRight(table, "\n"))
	res, err := benchstats.Read(bytes.NewReader(raw), file)
	if err != nil {
		return err
	}
	fmt.Fprintln(a.stdout)
	for _, line := range verdicts(kb, res) {
		fmt.Fprintln(a.stdout, line)
	}
	fmt.Fprintf(a.stdout, "\nraw results: .kata/bench-%s.txt · how the reference compares on an idle machine: docs/benchmarks.md#%s\n", k.Name, k.Name)
	return nil
}

// requirePassing runs k's tests as `kata test` does, and refuses, saying
// why, unless they all pass: a kata that is wrong has no speed worth
// comparing, and one that panics is not even measured.
func (a *app) requirePassing(ctx context.Context, k catalog.Kata) error {
	fmt.Fprintf(a.stdout, "testing katas/%s first: only a kata that passes is measured\n", k.Name)
	res, err := a.testAll(ctx, nil, "-race", "-json", "./"+k.Dir())
	if err != nil {
		return err
	}
	o := outcomeOf(res, catalog.ImportPath(k.Dir()))
	if o.passed {
		return nil
	}
	fmt.Fprintf(a.stdout, "not measuring your %s yet: it does not pass its tests (%s).\n", k.Name, o.state())
	fmt.Fprintf(a.stdout, "benchmarks compare working implementations; see what fails with: go run ./cmd/kata test %s\n", k.Name)
	return errReported
}

// runBenchmark runs kb's benchmark on the reference, the peers and the
// kata (not the floors), and returns go test's benchmark output. It runs in
// benchCount rounds, each running every implementation once, as make bench
// does: a spell in which the machine is slower then slows them alike,
// instead of falling on one implementation's runs back to back.
func (a *app) runBenchmark(ctx context.Context, kb bench.Kata) ([]byte, error) {
	var names []string
	for _, im := range kb.Impls {
		if im.Role != bench.Floor {
			names = append(names, im.Name)
		}
	}
	pattern := fmt.Sprintf("^Benchmark%s$/./^impl=(%s)$", kb.Benchmark, strings.Join(names, "|"))
	fmt.Fprintf(a.stdout, "measuring it: %d rounds of Benchmark%s at -cpu %s, -benchtime %s (a minute or more)\n",
		benchCount, kb.Benchmark, benchCPUs, benchTime)
	var raw []byte
	for i := range benchCount {
		fmt.Fprintf(a.stderr, "round %d of %d\n", i+1, benchCount)
		// The first round names each benchmark as it starts; the others
		// run the same ones.
		progress := io.Discard
		if i == 0 {
			progress = a.stderr
		}
		out, err := a.goTest(ctx, "-run=^$", "-bench="+pattern, "-benchtime="+benchTime,
			"-count=1", "-cpu="+benchCPUs, "-json", "./bench/")
		if err != nil {
			return nil, err
		}
		text, readErr := benchText(out, progress)
		exitErr := out.Close()
		raw = append(raw, text...)
		if readErr != nil {
			return nil, readErr
		}
		if exitErr != nil {
			return nil, fmt.Errorf("go test -bench failed (%w); its output:\n%s", exitErr, raw)
		}
	}
	return raw, nil
}

// configLine matches a configuration line of benchmark output, "cpu: ...":
// a key in lower case, without spaces, at the start of the line.
var configLine = regexp.MustCompile(`^[a-z][^\s:]*: `)

// benchText reads go test -json's events and returns what benchfmt and
// benchstat read: the configuration lines and the result lines, whole
// again (go test prints a name, then its numbers once it has run). It
// tells progress the name of each benchmark as it starts.
func benchText(r io.Reader, progress io.Writer) ([]byte, error) {
	var text bytes.Buffer
	dec := json.NewDecoder(r)
	for {
		var e testEvent
		err := dec.Decode(&e)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("reading the events of go test -json: %w", err)
		}
		if e.Action == "run" && strings.Count(e.Test, "/") == 2 {
			fmt.Fprintf(progress, "  %s\n", e.Test)
		}
		if e.Action == "output" {
			text.WriteString(e.Output)
		}
	}
	var kept bytes.Buffer
	for line := range strings.Lines(text.String()) {
		isResult := strings.HasPrefix(line, "Benchmark") && strings.Contains(line, "\t")
		isConfig := configLine.MatchString(line)
		if isResult || isConfig {
			kept.WriteString(line)
		}
	}
	return kept.Bytes(), nil
}

// benchstatOf returns benchstat's comparison of the implementations in the
// raw output file.
func (a *app) benchstatOf(ctx context.Context, file string) (string, error) {
	if a.benchstat != nil {
		return a.benchstat(ctx, file)
	}
	cmd := exec.CommandContext(ctx, "go", "tool", "benchstat", "-col", "/impl", file)
	cmd.Dir = a.root
	cmd.Stderr = a.stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("go tool benchstat: %w", err)
	}
	return string(out), nil
}

// times says how many times faster or slower a is than b, from the ratio
// of their medians: "1.8x slower", "as fast as".
func times(ratio float64) string {
	factor, word := ratio, "slower"
	if ratio < 1 {
		factor, word = 1/ratio, "faster"
	}
	return strconv.FormatFloat(math.Round(factor*100)/100, 'f', -1, 64) + "x " + word + " than"
}

// compared phrases how a compares with b, which what describes if not "":
// "is 1.8x slower than the reference (p=0.000)", "is 1.3x faster than
// weighted (x/sync semaphore.Weighted; p=0.000)", or "is as fast as the
// reference (p=0.430: no significant difference)".
func compared(c benchstats.Comparison, b, what string) string {
	if what != "" {
		what += "; "
	}
	if !c.Significant() {
		return fmt.Sprintf("is as fast as %s (%sp=%.3f: no significant difference)", b, what, c.P)
	}
	return fmt.Sprintf("is %s %s (%sp=%.3f)", times(c.Ratio), b, what, c.P)
}

// verdicts returns a line for each op and -cpu of res: how each of the
// learner's implementations compares with its reference, and the
// reference with the fastest peer there.
func verdicts(kb bench.Kata, res *benchstats.Results) []string {
	var yours []bench.Impl
	for _, im := range kb.Impls {
		if im.Role == bench.Yours {
			yours = append(yours, im)
		}
	}
	var lines []string
	b := res.Benchmark(kb.Benchmark)
	for _, s := range shapesOf(b) {
		for _, y := range yours {
			ym, rm := s.Measure(y.Name), s.Measure(y.Of)
			if ym == nil || rm == nil {
				continue
			}
			subject, ref := "your "+kb.Name, "the reference"
			if len(yours) > 1 {
				subject, ref = "your "+y.Name, "the reference's "+y.Of
			}
			c, _ := benchstats.Compare(ym, rm, benchstats.TimeUnit, 1)
			line := fmt.Sprintf("op=%s, -cpu %d: %s %s", s.Op, s.Procs, subject, compared(c, ref, ""))
			if peer := benchstats.BestPeer(kb, s); peer != nil {
				c, _ := benchstats.Compare(rm, peer, benchstats.TimeUnit, 1)
				im, _ := kb.Impl(peer.Impl)
				line += fmt.Sprintf("; %s %s", ref, compared(c, peer.Impl, im.What))
			} else {
				line += "; no peer runs this op"
			}
			lines = append(lines, line)
		}
	}
	if len(lines) == 0 {
		return []string{fmt.Sprintf("your %s was not measured: the benchmark skipped it, as it skips a kata that panics", kb.Name)}
	}
	return lines
}

// shapesOf returns b's shapes, or none if b did not run.
func shapesOf(b *benchstats.Benchmark) []*benchstats.Shape {
	if b == nil {
		return nil
	}
	return b.Shapes
}
