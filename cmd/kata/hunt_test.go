package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// runStream writes the go test -json events of pkg's test running count
// times with action, then the package's end.
func runStream(pkg, test, action string, count int, pkgAction string) string {
	var b strings.Builder
	for range count {
		fmt.Fprintf(&b, `{"Action":"run","Package":%q,"Test":%q}`+"\n", pkg, test)
		fmt.Fprintf(&b, `{"Action":%q,"Package":%q,"Test":%q}`+"\n", action, pkg, test)
	}
	fmt.Fprintf(&b, `{"Action":%q,"Package":%q}`+"\n", pkgAction, pkg)
	return b.String()
}

const (
	suitePkg = "github.com/conckata/conckata/internal/conformance/semaphoretest"
	refPkg   = "github.com/conckata/conckata/solutions/semaphore"
)

// TestHuntCheck proves hunt --check on three hunt tests: one that catches
// its mutant, one that does not, and one that fails on the reference.
func TestHuntCheck(t *testing.T) {
	cases := []huntCase{
		{"catches", runStream(suitePkg, "TestMutants/lifo-waiters", "fail", 5, "fail"), runStream(refPkg, "TestSemaphore", "pass", 5, "pass"),
			"✓ caught: your test fails on the mutant lifo-waiters in every run", nil, []string{"lifo-waiters"}},
		{"misses", runStream(suitePkg, "TestMutants/lifo-waiters", "pass", 5, "pass"), runStream(refPkg, "TestSemaphore", "pass", 5, "pass"),
			"caught the mutant lifo-waiters in 0 of 5 runs", errReported, nil},
		{"sometimes", runStream(suitePkg, "TestMutants/lifo-waiters", "fail", 3, "fail") + runStream(suitePkg, "TestMutants/lifo-waiters", "pass", 2, "fail"),
			runStream(refPkg, "TestSemaphore", "pass", 5, "pass"), "caught the mutant lifo-waiters in 3 of 5 runs", errReported, nil},
		{"fails-on-reference", runStream(suitePkg, "TestMutants/lifo-waiters", "fail", 5, "fail"), runStream(refPkg, "TestSemaphore", "fail", 5, "fail"),
			"fails on the reference solution", errReported, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { checkHuntCase(t, c) })
	}
}

// huntCase is a hunt test's check: what go test reports on the mutant and
// on the reference, and what the check must say and record.
type huntCase struct {
	name        string
	onMutant    string // the mutant run's events
	onReference string
	want        string
	wantErr     error
	wantCaught  []string
}

// checkHuntCase starts a hunt, checks it against c's runs, and looks at what
// it printed, recorded and shows on the board.
func checkHuntCase(t *testing.T, c huntCase) {
	root := testTree(t, "semaphore*")
	copyDocPage(t, root, "semaphore")
	writeFile(t, filepath.Join(root, "katas/semaphore/semaphore_test.go"), "package semaphore\n\nfunc TestSemaphore(t *testing.T) {}\n")
	a, stdout, _ := testApp(t, root, nil)
	var runs []string
	a.goTest = func(_ context.Context, args ...string) (io.ReadCloser, error) {
		runs = append(runs, strings.Join(args, " "))
		if slices.Contains(args, "./internal/conformance/semaphoretest") {
			return io.NopCloser(strings.NewReader(c.onMutant)), nil
		}
		return io.NopCloser(strings.NewReader(c.onReference)), nil
	}
	if err := a.dispatch(t.Context(), []string{"hunt", "semaphore", "lifo-waiters"}); err != nil {
		t.Fatal(err)
	}
	skeleton, err := os.ReadFile(filepath.Join(root, "katas", "semaphore", "hunt_test.go"))
	if err != nil || !strings.Contains(string(skeleton), "func hunt(t *testing.T, im semaphoretest.Impl)") {
		t.Fatalf("hunt wrote no skeleton with func hunt: %v\n%s", err, skeleton)
	}
	stdout.Reset()
	err = a.dispatch(t.Context(), []string{"hunt", "semaphore", "--check"})
	if !errors.Is(err, c.wantErr) {
		t.Errorf("hunt --check: err = %v, want %v", err, c.wantErr)
	}
	if !strings.Contains(strings.Join(strings.Fields(stdout.String()), " "), c.want) {
		t.Errorf("hunt --check printed\n%s\nwant it to say %q", stdout, c.want)
	}
	if len(runs) != 2 || !strings.Contains(runs[0], "-count=5") || !strings.Contains(runs[0], "-run ^TestMutants$/^lifo-waiters$") ||
		!strings.Contains(runs[1], "-run ^TestSemaphore$ ./solutions/semaphore") {
		t.Errorf("hunt --check ran go test %q, want the mutant's and the reference's runs, five times each", runs)
	}
	h, _ := a.loadHunts()
	if !slices.Equal(h.Caught["semaphore"], c.wantCaught) {
		t.Errorf("caught = %q, want %q", h.Caught["semaphore"], c.wantCaught)
	}
	stdout.Reset()
	if err := a.board(t.Context()); err != nil {
		t.Fatal(err)
	}
	if hunted := strings.Contains(stdout.String(), "· 1 mutant hunted"); hunted != (c.wantCaught != nil) {
		t.Errorf("the board says a mutant was hunted: %v, want %v:\n%s", hunted, c.wantCaught != nil, stdout)
	}
}

func TestIntoPackage(t *testing.T) {
	src := `package semaphore

import (
	"testing"

	"github.com/conckata/conckata/internal/conformance/semaphoretest"
)

func hunt(t *testing.T, im semaphoretest.Impl) {
	var s semaphoretest.Semaphore = im.New(1)
	_ = s
}
`
	got, err := intoPackage([]byte(src), "semaphoretest", "github.com/conckata/conckata/internal/conformance/semaphoretest")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"package semaphoretest\n", "func hunt(t *testing.T, im Impl)", "var s Semaphore = im.New(1)"} {
		if !strings.Contains(string(got), want) {
			t.Errorf("rewritten file lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(string(got), "semaphoretest.") || strings.Contains(string(got), `conformance/semaphoretest"`) {
		t.Errorf("rewritten file still names the suite's package:\n%s", got)
	}
}
