package main

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The four go test runs of verify, as fakeGoTest names them.
const (
	runStub      = "-race -json ./katas/..."
	runReference = "-race -count=3 -json ./solutions/..."
	runPeers     = "-race -json -run ^TestPeers$ ./internal/conformance/..."
	runMutants   = "-race -json -run ^(TestMutants|TestMutantBase)$ ./internal/conformance/..."
)

func TestVerify(t *testing.T) {
	cases := []struct {
		golden  string
		runs    map[string][]string
		wantErr error
	}{
		{"verify-pass", map[string][]string{
			runStub:      {"stub.json"},
			runReference: {"reference.json"},
			runPeers:     {"peers.json"},
			runMutants:   {"mutants.json"},
		}, nil},
		// Each check fails in its own way: a stub that passes, a reference
		// that crashes, a suite without tests, a mutant that survives.
		{"verify-fail", map[string][]string{
			runStub:      {"solved.json"},
			runReference: {"crash-init.json katas/semaphore=solutions/semaphore"},
			runPeers:     {"no-test-files.json"},
			runMutants:   {"mutants-survivor.json"},
		}, errReported},
		// A stub that does not compile, a reference with no example, and a
		// suite that has peers but no mutants yet.
		{"verify-missing", map[string][]string{
			runStub:      {"compile.json"},
			runReference: {"solved.json katas/semaphore=solutions/semaphore"},
			runPeers:     {"peers.json"},
			runMutants:   {"peers.json"},
		}, errReported},
	}
	for _, c := range cases {
		t.Run(c.golden, func(t *testing.T) {
			root := testTree(t, "semaphore")
			copyDocPage(t, root, "semaphore")
			if err := os.MkdirAll(filepath.Join(root, "solutions", "semaphore"), 0o755); err != nil {
				t.Fatal(err)
			}
			a, stdout, stderr := testApp(t, root, c.runs)
			err := a.dispatch(t.Context(), []string{"verify"})
			if !errors.Is(err, c.wantErr) {
				t.Errorf("verify: err = %v, want %v", err, c.wantErr)
			}
			checkGolden(t, c.golden, stdout.String())
			if !strings.Contains(stderr.String(), "verify 4/4, mutants: done in") {
				t.Errorf("stderr shows no progress of the last run:\n%s", stderr)
			}
		})
	}
}

// TestVerifyStubCrash checks that a stub whose test binary crashes fails the
// stub check, even though it fails as a stub must.
func TestVerifyStubCrash(t *testing.T) {
	for _, rec := range []string{"crash-init.json", "crash-timeout.json"} {
		res := recorded(t, rec)
		v := checkStub(semaphoreKata, res)
		if v.ok || v.summary != "stub crashes the test binary" {
			t.Errorf("%s: checkStub = %+v, want a failed check saying it crashes", rec, v)
		}
	}
}

// TestVerifyStubNeedsEveryProperty checks that one property that passes
// fails the stub check.
func TestVerifyStubNeedsEveryProperty(t *testing.T) {
	v := checkStub(semaphoreKata, recorded(t, "partial.json"))
	if v.ok || v.summary != "stub fails 2/13" || len(v.notes) != 1 || !strings.HasPrefix(v.notes[0], "stub passes never-more-than-n, fifo-grant-order, no-barging, cancel") {
		t.Errorf("checkStub(partial) = %+v, want a failed check with a note naming the 11 passing properties", v)
	}
}

// TestVerifyNamedKatas checks that verify NAME runs its four go test runs on
// that kata's packages alone, and reports as verify does for all; and that
// an unknown or absent kata is refused before anything runs.
func TestVerifyNamedKatas(t *testing.T) {
	root := testTree(t, "semaphore", "event")
	copyDocPage(t, root, "semaphore")
	if err := os.MkdirAll(filepath.Join(root, "solutions", "semaphore"), 0o755); err != nil {
		t.Fatal(err)
	}
	a, stdout, _ := testApp(t, root, map[string][]string{
		"-race -json ./katas/semaphore/...":                                                        {"stub.json"},
		"-race -count=3 -json ./solutions/semaphore/...":                                           {"reference.json"},
		"-race -json -run ^TestPeers$ ./internal/conformance/semaphoretest/...":                    {"peers.json"},
		"-race -json -run ^(TestMutants|TestMutantBase)$ ./internal/conformance/semaphoretest/...": {"mutants.json"},
	})
	if err := a.dispatch(t.Context(), []string{"verify", "semaphore", "semaphore"}); err != nil {
		t.Errorf("verify semaphore semaphore: err = %v, want nil", err)
	}
	checkGolden(t, "verify-pass", stdout.String()) // event, present but not named, is not in it

	for _, name := range []string{"nosuch", "subprocess"} {
		a, _, _ := testApp(t, root, nil) // any go test would be an unexpected invocation
		if err := a.dispatch(t.Context(), []string{"verify", name}); err == nil {
			t.Errorf("verify %s: err = nil, want an error", name)
		}
	}
}

// copyDocPage gives the tree at root the doc page of kata name kept in
// testdata, whose headings and pitfalls match the recorded runs.
func copyDocPage(t *testing.T, root, name string) {
	t.Helper()
	page, err := os.ReadFile(filepath.Join("testdata", "docpage-"+name+".md"))
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(root, "docs", "katas")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name+".md"), page, 0o644); err != nil {
		t.Fatal(err)
	}
}
