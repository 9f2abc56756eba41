package harness

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/conckata/conckata/internal/module"
)

// goroutine is one goroutine of a stack dump: the runtime's (a crash, a
// timeout, the watch) or goleak's (a leak).
type goroutine struct {
	state  string   // what it waits for, as the runtime says it: "sync.Mutex.Lock", "chan receive", "running"
	frames []frame  // innermost first, up to the "created by" line
	lines  []string // its trace as printed, for -v
}

// frame is one call of a goroutine's stack.
type frame struct {
	fn   string // "github.com/conckata/conckata/katas/event.(*Event).Set"
	file string // "/abs/path/katas/event/event.go"
	line string // "44"
}

var (
	// runtimeHeader is "goroutine 8 [sync.Mutex.Lock, synctest bubble 1]:".
	runtimeHeader = regexp.MustCompile(`^goroutine \d+ (?:gp=\S+ m=\S+ (?:mp=\S+ )?)?\[([^\]]*)\]:$`)
	// goleakHeader is "[Goroutine 7 in state chan receive, with f on top of the stack:".
	goleakHeader = regexp.MustCompile(`^\[?Goroutine \d+ in state (.*), with \S+ on top of the stack:$`)
	// fileLine is "/path/file.go:44 +0x5c".
	fileLine = regexp.MustCompile(`^(.+\.go):(\d+)(?: \+0x[0-9a-f]+)?$`)
)

// parseDump returns the goroutines whose traces are among lines, which may
// be indented (goleak's report comes as a test's message).
func parseDump(lines []string) []goroutine {
	var all []goroutine
	var g *goroutine
	created := false // past g's "created by" line
	for i, l := range lines {
		t := strings.TrimSpace(l)
		if state, ok := header(t); ok {
			all = append(all, goroutine{state: state, lines: []string{t}})
			g, created = &all[len(all)-1], false
			continue
		}
		if g == nil {
			continue
		}
		if t == "" || t == "]" {
			g = nil
			continue
		}
		g.lines = append(g.lines, l)
		created = created || strings.HasPrefix(t, "created by ")
		if m := fileLine.FindStringSubmatch(t); m != nil && !created && i > 0 {
			fn := strings.TrimSpace(lines[i-1])
			g.frames = append(g.frames, frame{fn: withoutArgs(fn), file: m[1], line: m[2]})
		}
	}
	return all
}

// header returns the state in a goroutine's header line, plain: without
// "(durable)", the time waited or the bubble.
func header(line string) (string, bool) {
	m := runtimeHeader.FindStringSubmatch(line)
	if m == nil {
		m = goleakHeader.FindStringSubmatch(line)
	}
	if m == nil {
		return "", false
	}
	state, _, _ := strings.Cut(m[1], ", ")
	return strings.TrimSuffix(state, " (durable)"), true
}

// withoutArgs turns "pkg.(*T).F(0xc000016198, ...)" into "pkg.(*T).F".
func withoutArgs(fn string) string {
	if i := strings.LastIndex(fn, "("); i > 0 && strings.HasSuffix(fn, ")") {
		return fn[:i]
	}
	return fn
}

// panicking reports whether g is the goroutine that panicked.
func (g goroutine) panicking() bool {
	return slices.ContainsFunc(g.frames, func(f frame) bool { return f.fn == "panic" })
}

// owner is whose code a frame runs.
type owner int

const (
	ownerRuntime        owner = iota // the standard library, the runtime, testing, the test's main
	ownerHarness                     // the harness, the suites, and the tools they use (goleak, rapid, porcupine)
	ownerImplementation              // the code under test: a kata, a solution, a mutant, a peer's library
)

// testFunc matches a test function of the testing package's, and what it
// runs (TestX.func1): the test's code, not the code under test.
var testFunc = regexp.MustCompile(`^(Test|Benchmark|Example|Fuzz)([^a-z]|$)`)

// testTools are the modules the harness and the suites use.
var testTools = []string{"go.uber.org/goleak", "pgregory.net/rapid", "github.com/anishathalye/porcupine"}

func (f frame) owner() owner {
	pkg := packageOf(f.fn)
	first, _, _ := strings.Cut(pkg, "/")
	switch {
	case !strings.Contains(first, "."):
		return ownerRuntime
	case strings.HasPrefix(pkg, module.Path+"/internal/") && !strings.HasSuffix(f.file, "_test.go"),
		testFunc.MatchString(strings.TrimPrefix(f.fn, pkg+".")):
		return ownerHarness
	}
	for _, tool := range testTools {
		if pkg == tool || strings.HasPrefix(pkg, tool+"/") {
			return ownerHarness
		}
	}
	return ownerImplementation
}

// packageOf returns the import path of a function: everything before the
// first dot after the last slash.
func packageOf(fn string) string {
	slash := strings.LastIndex(fn, "/")
	if dot := strings.Index(fn[slash+1:], "."); dot >= 0 {
		return fn[:slash+1+dot]
	}
	return fn
}

// site returns where g waits in the code under test, and false if g does not
// wait there: if the innermost frame of g outside the standard library is
// the implementation's. Of the implementation's frames that follow, it
// prefers the innermost one in the package under test (katas/event, rather
// than solutions/task that it calls).
func (g goroutine) site() (frame, bool) {
	var first *frame
	for i, f := range g.frames {
		switch f.owner() {
		case ownerRuntime:
			continue
		case ownerHarness:
			if first == nil {
				return frame{}, false
			}
			return *first, true
		}
		if first == nil {
			first = &g.frames[i]
		}
		if filepath.ToSlash(filepath.Dir(f.file)) == packageDir {
			return f, true
		}
	}
	if first == nil {
		return frame{}, false
	}
	return *first, true
}

// packageDir is the directory of the package under test: go test runs its
// test binary there, and the binary runs its children there too.
var packageDir = func() string {
	dir, _ := os.Getwd()
	return filepath.ToSlash(dir)
}()

// where says where a frame is: "Set at katas/event/event.go:44".
func (f frame) where() string {
	return funcName(f.fn) + " at " + relative(f.file) + ":" + f.line
}

// funcName turns "github.com/x/katas/event.(*Event).Wait.func1" into
// "Wait.func1": the learner knows the package and the type.
func funcName(fn string) string {
	name := strings.TrimPrefix(fn, packageOf(fn)+".")
	if strings.HasPrefix(name, "(") {
		if _, method, ok := strings.Cut(name, ")."); ok {
			return method
		}
	}
	return name
}

// relative returns path relative to the module root where it is inside it.
func relative(path string) string {
	if moduleRoot == "" {
		return path
	}
	if rel, err := filepath.Rel(moduleRoot, filepath.FromSlash(path)); err == nil && !strings.HasPrefix(rel, "..") {
		return filepath.ToSlash(rel)
	}
	return path
}

// moduleRoot is the root of the conckata module, found from the working
// directory; "" if it cannot be found, and then paths stay absolute.
var moduleRoot = func() string {
	root, err := module.FindRoot(filepath.FromSlash(packageDir))
	if err != nil {
		return ""
	}
	return root
}()
