package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/synctest"
	"time"
)

func TestIsEditorTemp(t *testing.T) {
	for name, want := range map[string]bool{
		"semaphore.go": false, "waiters.go": false, "notes.txt": false,
		"4913": true, "semaphore.go~": true, ".semaphore.go.swp": true, ".semaphore.go.swx": true,
		"x.tmp": true, "semaphore.go___jb_tmp___": true, "semaphore.go___jb_old___": true,
		"/abs/dir/.hidden": true, "/abs/dir/semaphore.go": false,
	} {
		if got := isEditorTemp(name); got != want {
			t.Errorf("isEditorTemp(%q) = %v, want %v", name, got, want)
		}
	}
}

// TestDebounceReportsABurstOnce runs on synctest's clock: a burst of names
// becomes one report, quietPeriod after the last of them.
func TestDebounceReportsABurstOnce(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		in := make(chan string)
		reports := debounce(t.Context(), in, quietPeriod)
		in <- "semaphore.go"
		time.Sleep(quietPeriod / 2)
		in <- "waiters.go"
		in <- "semaphore.go"
		time.Sleep(quietPeriod - time.Nanosecond)
		synctest.Wait()
		select {
		case r := <-reports:
			t.Fatalf("report %q came before the directory was quiet for %v", r, quietPeriod)
		default:
		}
		time.Sleep(time.Nanosecond)
		synctest.Wait()
		select {
		case r := <-reports:
			if r != "semaphore.go, waiters.go" {
				t.Errorf("report = %q, want %q", r, "semaphore.go, waiters.go")
			}
		default:
			t.Fatalf("no report %v after the last change", quietPeriod)
		}
	})
}

// TestPollSeesChangesAndIgnoresTemporaryFiles drives poll with its own ticks.
// It runs in a synctest bubble: a name poll sends that the test does not
// expect leaves poll blocked while the test blocks on the next tick, a
// deadlock that synctest reports.
func TestPollSeesChangesAndIgnoresTemporaryFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	synctest.Test(t, func(t *testing.T) {
		tick := make(chan time.Time)
		names := poll(t.Context(), dir, tick)
		expect := func(want string) {
			t.Helper()
			tick <- time.Now()
			if got := <-names; got != want {
				t.Errorf("poll sent %q, want %q", got, want)
			}
		}
		write("semaphore.go", "package semaphore\n")
		expect("semaphore.go") // added
		write("4913", "")
		write(".semaphore.go.swp", "swap")
		write("semaphore.go~", "backup")
		write("semaphore.go", "package semaphore // saved\n")
		expect("semaphore.go") // changed; the editor's files are not named
		if err := os.Remove(filepath.Join(dir, "semaphore.go")); err != nil {
			t.Fatal(err)
		}
		expect("semaphore.go") // removed
		tick <- time.Now()     // nothing changed: poll takes the tick and sends nothing
	})
}

// TestWatchChangesFollowsSavesByRename watches a real directory while an
// editor saves the way vim and JetBrains IDEs do, by writing another file
// and renaming it over the original.
func TestWatchChangesFollowsSavesByRename(t *testing.T) {
	dir := t.TempDir()
	path := func(name string) string { return filepath.Join(dir, name) }
	if err := os.WriteFile(path("semaphore.go"), []byte("package semaphore\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	var stderr strings.Builder
	reports := watchChanges(ctx, dir, &stderr)
	steps := []func() error{
		func() error { return os.WriteFile(path("4913"), nil, 0o644) }, // vim's probe
		func() error { return os.Remove(path("4913")) },
		func() error {
			return os.WriteFile(path("semaphore.go___jb_tmp___"), []byte("package semaphore // saved\n"), 0o644)
		},
		func() error { return os.Rename(path("semaphore.go"), path("semaphore.go___jb_old___")) },
		func() error { return os.Rename(path("semaphore.go___jb_tmp___"), path("semaphore.go")) },
		func() error { return os.Remove(path("semaphore.go___jb_old___")) },
	}
	for _, step := range steps {
		if err := step(); err != nil {
			t.Fatal(err)
		}
	}
	select {
	case r := <-reports:
		if r != "semaphore.go" {
			t.Errorf("report = %q, want %q", r, "semaphore.go")
		}
	case <-time.After(10 * time.Second):
		t.Fatalf("no report within 10s of a save (stderr: %q)", stderr.String())
	}
}

// TestWatchChangesFallsBackToPolling watches a directory that fsnotify
// cannot follow, and checks that the learner is told.
func TestWatchChangesFallsBackToPolling(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	var stderr strings.Builder
	missing := filepath.Join(t.TempDir(), "missing")
	watchChanges(ctx, missing, &stderr)
	if !strings.Contains(stderr.String(), "looking at "+missing+" once a second instead") {
		t.Errorf("stderr = %q, want it to say the directory is polled", stderr.String())
	}
}

// TestWatchChangesFollowsNestedFiles watches a kata with a command in a
// subdirectory, as echo has, by file events and by polling: a save of the
// nested file is reported by its path under the kata.
func TestWatchChangesFollowsNestedFiles(t *testing.T) {
	dir := t.TempDir()
	nested := filepath.Join(dir, "cmd", "echo", "main.go")
	if err := os.MkdirAll(filepath.Dir(nested), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(nested, []byte("package main\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	var stderr strings.Builder
	reports := watchChanges(ctx, dir, &stderr)
	tick := make(chan time.Time)
	polled := poll(ctx, dir, tick)
	if err := os.WriteFile(nested, []byte("package main // saved, and longer\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	select {
	case r := <-reports:
		if r != "cmd/echo/main.go" {
			t.Errorf("report = %q, want %q", r, "cmd/echo/main.go")
		}
	case <-time.After(10 * time.Second):
		t.Fatalf("no report within 10s of a save of a nested file (stderr: %q)", stderr.String())
	}
	tick <- time.Now()
	if r := <-polled; r != "cmd/echo/main.go" {
		t.Errorf("poll reported %q, want %q", r, "cmd/echo/main.go")
	}
}
