// Package benchstats reads the raw output of the benchmarks in bench/ and
// answers the questions the reports ask of it: the median and confidence
// interval of each implementation in each shape (op and -cpu), the ratio
// of two implementations with its p-value, the fastest peer, and whether
// each goal of bench.Katas is met.
//
// The numbers come from golang.org/x/perf's benchfmt (reading), benchproc
// (the op=, impl= and GOMAXPROCS keys of each name) and benchmath (medians,
// intervals and the Mann-Whitney U-test), as benchstat's own are.
package benchstats

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/perf/benchfmt"
	"golang.org/x/perf/benchmath"
	"golang.org/x/perf/benchproc"
)

// Results are the measurements of one run of the benchmarks.
type Results struct {
	// Config holds the file-level configuration lines of the run: goos,
	// cpu, and those the runner adds (cores, goversion, date). The first
	// value seen of each key is kept, without the spaces around it (go test
	// pads some processors' names: "cpu: Oxide Virtual Turin-like Processor     ").
	Config     map[string]string
	Benchmarks []*Benchmark // in the order the run reached them
}

// Benchmark is one benchmark function's measurements.
type Benchmark struct {
	Name   string   // as benchproc's .name: "Semaphore" for BenchmarkSemaphore
	Shapes []*Shape // each op, then each GOMAXPROCS, in the order the run reached them
}

// Shape is one op of a benchmark at one GOMAXPROCS: the implementations
// measured there are compared with each other.
type Shape struct {
	Op       string // the op=OP of the sub-benchmark's name; "" if none
	Procs    int    // GOMAXPROCS: the -cpu value, the -N suffix of the name
	Measures []*Measure
}

// Measure is one implementation's measurements in one shape.
type Measure struct {
	Impl    string                       // the impl=NAME of the sub-benchmark's name
	Samples map[string]*benchmath.Sample // by unit, as benchfmt names it: sec/op, sec/fn, B/s
}

// keys are the projections that split a result into benchmark, shape and
// implementation.
type keys struct{ name, op, procs, impl *benchproc.Projection }

func newKeys() (keys, error) {
	var pp benchproc.ProjectionParser
	var k keys
	for _, p := range []struct {
		proj **benchproc.Projection
		spec string
	}{{&k.name, ".name"}, {&k.op, "/op"}, {&k.procs, "/gomaxprocs"}, {&k.impl, "/impl"}} {
		var err error
		if *p.proj, err = pp.Parse(p.spec, nil); err != nil {
			return k, fmt.Errorf("benchstats: projection %s: %w", p.spec, err)
		}
	}
	return k, nil
}

// Read reads the raw output of a benchmark run (`go test -bench` text;
// lines it cannot parse, such as go test's own, are skipped). fileName
// names r in errors.
func Read(r io.Reader, fileName string) (*Results, error) {
	k, err := newKeys()
	if err != nil {
		return nil, err
	}
	res := &Results{Config: map[string]string{}}
	values := map[*Measure]map[string][]float64{}
	br := benchfmt.NewReader(r, fileName)
	for br.Scan() {
		rec, ok := br.Result().(*benchfmt.Result)
		if !ok {
			continue // a syntax error (go test's framing) or a unit line
		}
		for _, c := range rec.Config {
			if _, seen := res.Config[c.Key]; c.File && !seen {
				res.Config[c.Key] = strings.TrimSpace(string(c.Value))
			}
		}
		m, err := res.measure(k, rec)
		if err != nil {
			return nil, err
		}
		if values[m] == nil {
			values[m] = map[string][]float64{}
		}
		for _, v := range rec.Values {
			values[m][v.Unit] = append(values[m][v.Unit], v.Value)
		}
	}
	if err := br.Err(); err != nil {
		return nil, fmt.Errorf("reading %s: %w", fileName, err)
	}
	for m, byUnit := range values {
		m.Samples = map[string]*benchmath.Sample{}
		for unit, vs := range byUnit {
			m.Samples[unit] = benchmath.NewSample(vs, &benchmath.DefaultThresholds)
		}
	}
	return res, nil
}

// measure returns the Measure that rec belongs to, adding it (and its
// benchmark and shape) the first time.
func (res *Results) measure(k keys, rec *benchfmt.Result) (*Measure, error) {
	name := k.name.Project(rec).StringValues()
	op, impl := k.op.Project(rec).StringValues(), k.impl.Project(rec).StringValues()
	procs, err := 1, error(nil) // go test leaves out the -1 of GOMAXPROCS 1
	if p := k.procs.Project(rec).StringValues(); p != "" {
		procs, err = strconv.Atoi(p)
	}
	if err != nil {
		file, line := rec.Pos()
		return nil, fmt.Errorf("%s:%d: GOMAXPROCS of %s: %w", file, line, rec.Name, err)
	}
	b := res.Benchmark(name)
	if b == nil {
		b = &Benchmark{Name: name}
		res.Benchmarks = append(res.Benchmarks, b)
	}
	s := b.Shape(op, procs)
	if s == nil {
		s = &Shape{Op: op, Procs: procs}
		b.Shapes = append(b.Shapes, s)
	}
	m := s.Measure(impl)
	if m == nil {
		m = &Measure{Impl: impl}
		s.Measures = append(s.Measures, m)
	}
	return m, nil
}

// Benchmark returns the benchmark called name ("Semaphore"), or nil.
func (res *Results) Benchmark(name string) *Benchmark {
	i := slices.IndexFunc(res.Benchmarks, func(b *Benchmark) bool { return b.Name == name })
	if i < 0 {
		return nil
	}
	return res.Benchmarks[i]
}

// Shape returns b's shape of op at procs, or nil.
func (b *Benchmark) Shape(op string, procs int) *Shape {
	i := slices.IndexFunc(b.Shapes, func(s *Shape) bool { return s.Op == op && s.Procs == procs })
	if i < 0 {
		return nil
	}
	return b.Shapes[i]
}

// Ops returns b's ops, in the order the run reached them.
func (b *Benchmark) Ops() []string {
	var ops []string
	for _, s := range b.Shapes {
		if !slices.Contains(ops, s.Op) {
			ops = append(ops, s.Op)
		}
	}
	return ops
}

// Procs returns the GOMAXPROCS values b ran at, in increasing order.
func (b *Benchmark) Procs() []int {
	var procs []int
	for _, s := range b.Shapes {
		if !slices.Contains(procs, s.Procs) {
			procs = append(procs, s.Procs)
		}
	}
	slices.Sort(procs)
	return procs
}

// Measure returns the measure of impl in s, or nil.
func (s *Shape) Measure(impl string) *Measure {
	i := slices.IndexFunc(s.Measures, func(m *Measure) bool { return m.Impl == impl })
	if i < 0 {
		return nil
	}
	return s.Measures[i]
}
