package benchreport

import (
	"bytes"
	"encoding/xml"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/conckata/conckata/bench"
	"github.com/conckata/conckata/internal/benchstats"
	"github.com/conckata/conckata/internal/harness"
)

var update = flag.Bool("update", false, "rewrite the golden files of testdata/")

func TestMain(m *testing.M) { harness.Main(m) }

// recorded is testdata/run.txt: a short real run of four benchmarks (see
// testdata/README.md).
const recorded = "testdata/run.txt"

func readRecorded(t *testing.T) *benchstats.Results {
	t.Helper()
	f, err := os.Open(recorded)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	res, err := benchstats.Read(f, recorded)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// render renders the recorded run as cmd/benchreport does.
func render(t *testing.T) ([]byte, map[string][]byte) {
	t.Helper()
	md, charts, err := Render(Page{Results: readRecorded(t), Katas: bench.Katas, Source: recorded,
		Charts: "benchmarks", Table: BenchstatTable(".", recorded)})
	if err != nil {
		t.Fatal(err)
	}
	return md, charts
}

// checkGolden compares got with testdata/NAME.golden, or rewrites the file
// with -update.
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test ./internal/benchreport -update writes it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from %s (go test ./internal/benchreport -update rewrites it; look at the result before committing it)",
			name, path)
	}
}

func TestRenderMatchesTheGoldenFiles(t *testing.T) {
	md, charts := render(t)
	checkGolden(t, "benchmarks.md", md)
	if len(charts) != 4 {
		t.Errorf("%d charts, want one for each of the 4 katas recorded", len(charts))
	}
	for name, svg := range charts {
		checkGolden(t, name+".svg", svg)
	}
}

func TestChartsAreWellFormedWithOneBarPerImplementation(t *testing.T) {
	res := readRecorded(t)
	_, charts := render(t)
	for _, k := range bench.Katas {
		svg, ok := charts[k.Name]
		if b := res.Benchmark(k.Benchmark); b == nil || !ok {
			if ok {
				t.Errorf("chart of %s, whose benchmark did not run", k.Name)
			}
			continue
		}
		fills, err := fillsOf(svg)
		if err != nil {
			t.Errorf("%s.svg is not well-formed XML: %v", k.Name, err)
			continue
		}
		for role, want := range barsByRole(k, res.Benchmark(k.Benchmark)) {
			c := RoleColors[role]
			if got := fills[fmt.Sprintf("#%02X%02X%02X", c.R, c.G, c.B)]; got != want {
				t.Errorf("%s.svg: %d shapes in %s's colour, want %d (a bar per implementation and panel, and the legend's)",
					k.Name, got, roleNames[role], want)
			}
		}
	}
}

// barsByRole counts, for each role of k, one bar per implementation of the
// role measured in each shape of b, and one legend swatch.
func barsByRole(k bench.Kata, b *benchstats.Benchmark) map[bench.Role]int {
	want := map[bench.Role]int{}
	for _, s := range b.Shapes {
		for _, m := range s.Measures {
			im, _ := k.Impl(m.Impl)
			want[im.Role]++
		}
	}
	for role := range want {
		want[role]++
	}
	return want
}

// fillsOf parses svg and counts its filled paths by fill colour.
func fillsOf(svg []byte) (map[string]int, error) {
	fills := map[string]int{}
	dec := xml.NewDecoder(bytes.NewReader(svg))
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return fills, nil
		}
		if err != nil {
			return nil, err
		}
		el, ok := tok.(xml.StartElement)
		if !ok || el.Name.Local != "path" {
			continue
		}
		for _, a := range el.Attr {
			if a.Name.Local != "style" {
				continue
			}
			for decl := range strings.SplitSeq(a.Value, ";") {
				if fill, ok := strings.CutPrefix(decl, "fill:"); ok && fill != "none" {
					fills[fill]++
				}
			}
		}
	}
}

func TestFillsOfRejectsBrokenXML(t *testing.T) {
	if _, err := fillsOf([]byte(`<svg><path style="fill:#000000"></svg>`)); err == nil {
		t.Error("fillsOf accepted an unclosed <path>")
	}
}

func TestRenderRefusesWhatGoalsDoNotDeclare(t *testing.T) {
	cases := map[string]string{
		"BenchmarkSemaphore/op=one/impl=mystery \t 1\t 1 ns/op\n":    "measures impl=mystery, which bench/goals.go does not declare",
		"BenchmarkNoSuchKata/op=one/impl=reference \t 1\t 1 ns/op\n": "BenchmarkNoSuchKata is declared by no kata",
		"PASS\n": "holds no benchmark results",
	}
	for raw, want := range cases {
		res, err := benchstats.Read(strings.NewReader(raw), "x.txt")
		if err != nil {
			t.Fatal(err)
		}
		_, _, err = Render(Page{Results: res, Katas: bench.Katas, Source: "x.txt", Table: BenchstatTable(".", "x.txt")})
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Render of %q: err = %v, want one containing %q", raw, err, want)
		}
	}
}

func TestBenchstatTableReportsBenchstatsErrors(t *testing.T) {
	_, err := BenchstatTable(".", "testdata/no-such-file.txt")("Semaphore")
	if err == nil || !strings.Contains(err.Error(), "no-such-file.txt") {
		t.Errorf("err = %v, want benchstat's complaint about the missing file", err)
	}
	_, err = BenchstatTable(".", recorded)("Lock")
	if err == nil || !strings.Contains(err.Error(), "no table for Lock") {
		t.Errorf("err = %v, want no table for a benchmark the run does not have", err)
	}
}

func TestRatio(t *testing.T) {
	cases := map[float64]string{0.04731: "0.047×", 0.456: "0.46×", 1: "1.00×", 1.234: "1.23×", 12.34: "12.3×", 123.4: "123×"}
	for x, want := range cases {
		if got := Ratio(x); got != want {
			t.Errorf("Ratio(%v) = %q, want %q", x, got, want)
		}
	}
}

func TestTicksAreRoundAndCoverTheAxis(t *testing.T) {
	cases := map[float64]string{
		30.5:  "0 5 10 15 20 25 30",
		1.8:   "0.0 0.2 0.4 0.6 0.8 1.0 1.2 1.4 1.6 1.8",
		920:   "0 100 200 300 400 500 600 700 800 900",
		0.073: "0.00 0.01 0.02 0.03 0.04 0.05 0.06 0.07",
	}
	for hi, want := range cases {
		var got []string
		for _, tk := range ticks(0, hi) {
			got = append(got, tk.Label)
		}
		if strings.Join(got, " ") != want {
			t.Errorf("ticks(0, %v) = %q, want %q", hi, got, want)
		}
	}
}
