package main

import (
	"bytes"
	"context"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/conckata/conckata/internal/catalog"
	"github.com/conckata/conckata/internal/harness"
)

var update = flag.Bool("update", false, "rewrite the golden files and the embedded stubs")

func TestMain(m *testing.M) { harness.Main(m) }

// fakeGoTest answers each `go test` invocation, named by its arguments
// joined with spaces, with the concatenation of recordings in testdata/.
// An invocation it does not know fails the test.
func fakeGoTest(t *testing.T, runs map[string][]string) goTest {
	return func(_ context.Context, args ...string) (io.ReadCloser, error) {
		files, ok := runs[strings.Join(args, " ")]
		if !ok {
			t.Errorf("unexpected invocation: go test %s", strings.Join(args, " "))
			return io.NopCloser(strings.NewReader("")), nil
		}
		var stream []byte
		for _, f := range files {
			stream = append(stream, recording(t, f)...)
		}
		return io.NopCloser(bytes.NewReader(stream)), nil
	}
}

// recording reads testdata/NAME. A spec "NAME OLD=NEW ..." also replaces
// each OLD by NEW, so that a recording of katas/semaphore can stand for
// another kata ("partial.json katas/semaphore=katas/lock"), or for another
// part of the same kata.
func recording(t *testing.T, spec string) []byte {
	t.Helper()
	fields := strings.Fields(spec)
	data, err := os.ReadFile(filepath.Join("testdata", fields[0]))
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range fields[1:] {
		old, new, _ := strings.Cut(r, "=")
		data = bytes.ReplaceAll(data, []byte(old), []byte(new))
	}
	return data
}

// stubs is the pristine copy of the test katas: one file each.
var stubs = fstest.MapFS{
	"semaphore/semaphore.go.stub": {Data: []byte("package semaphore\n")},
	"lock/lock.go.stub":           {Data: []byte("package lock\n")},
	"event/event.go.stub":         {Data: []byte("package event\n")},
}

// testTree returns a module root holding katas/NAME for each name, as the
// stub, or as started by the learner when the name is marked with a "*".
func testTree(t *testing.T, names ...string) string {
	t.Helper()
	root := t.TempDir()
	for _, name := range names {
		name, started := strings.CutSuffix(name, "*")
		dir := filepath.Join(root, "katas", name)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		src := "package " + name + "\n"
		if started {
			src += "\n// The learner's work.\n"
		}
		if err := os.WriteFile(filepath.Join(dir, name+".go"), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

// testApp returns an app on root whose go test answers from runs, and its
// stdout and stderr.
func testApp(t *testing.T, root string, runs map[string][]string) (*app, *bytes.Buffer, *bytes.Buffer) {
	var stdout, stderr bytes.Buffer
	a := &app{
		root:   root,
		stdin:  strings.NewReader(""),
		stdout: &stdout,
		stderr: &stderr,
		goTest: fakeGoTest(t, runs),
		stubs:  stubs,
	}
	return a, &stdout, &stderr
}

// checkGolden compares got with testdata/NAME.golden, or rewrites the file
// with -update.
func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test ./cmd/kata -update writes it)", err)
	}
	if got != string(want) {
		t.Errorf("output differs from %s (go test ./cmd/kata -update rewrites it)\n--- got:\n%s\n--- want:\n%s", path, got, want)
	}
}

// semaphoreKata is the kata of most recordings.
var semaphoreKata, _ = catalog.Lookup("semaphore")

// recorded returns the results of a recording.
func recorded(t *testing.T, spec string) *results {
	t.Helper()
	res, err := collect(bytes.NewReader(recording(t, spec)), nil)
	if err != nil {
		t.Fatal(err)
	}
	return res
}
