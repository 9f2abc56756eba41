package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

func TestResetAsksFirst(t *testing.T) {
	cases := []struct {
		answer  string
		restore bool
	}{
		{"y\n", true},
		{"YES\n", true},
		{"n\n", false},
		{"\n", false},
		{"", false}, // no answer at all: stdin closed
	}
	for _, c := range cases {
		t.Run(strings.TrimSpace(c.answer), func(t *testing.T) {
			root := testTree(t, "semaphore*")
			extra := filepath.Join(root, "katas", "semaphore", "notes.txt")
			if err := os.WriteFile(extra, []byte("mine"), 0o644); err != nil {
				t.Fatal(err)
			}
			a, stdout, _ := testApp(t, root, nil)
			a.stdin = strings.NewReader(c.answer)
			if err := a.dispatch(t.Context(), []string{"reset", "semaphore"}); err != nil {
				t.Fatal(err)
			}
			ask := "katas/semaphore: files you added will be removed (kept in the backup): notes.txt\n" +
				"Reset katas/semaphore to the stub? A backup is kept in .kata/backup [y/N] "
			if !strings.HasPrefix(stdout.String(), ask) {
				t.Errorf("reset did not ask first; it printed %q", stdout)
			}
			if got := isStub(t, a); got != c.restore {
				t.Errorf("answer %q: katas/semaphore is the stub: %v, want %v", c.answer, got, c.restore)
			}
			if _, err := os.Stat(extra); (err == nil) == c.restore {
				t.Errorf("answer %q: the learner's notes.txt exists: %v, want %v", c.answer, err == nil, !c.restore)
			}
		})
	}
}

func TestResetForce(t *testing.T) {
	root := testTree(t, "semaphore*")
	if err := os.WriteFile(filepath.Join(root, "katas", "semaphore", "extra.go"), []byte("package semaphore\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	a, stdout, _ := testApp(t, root, nil)
	a.now = fixedTime
	if err := a.dispatch(t.Context(), []string{"reset", "semaphore", "--force"}); err != nil {
		t.Fatal(err)
	}
	want := "katas/semaphore: files you added will be removed (kept in the backup): extra.go\n" +
		"katas/semaphore backed up to .kata/backup/semaphore/20261203T112900Z/\n" +
		"katas/semaphore is the stub again: semaphore.go restored; extra.go removed\n"
	if stdout.String() != want {
		t.Errorf("reset --force printed %q, want %q", stdout, want)
	}
	if !isStub(t, a) {
		t.Error("katas/semaphore is not the stub after reset --force")
	}
}

func TestResetNeedsAnEmbeddedStub(t *testing.T) {
	a, _, _ := testApp(t, testTree(t, "semaphore*"), nil)
	a.stubs = fstest.MapFS{}
	err := a.dispatch(t.Context(), []string{"reset", "semaphore", "--force"})
	if err == nil || !strings.Contains(err.Error(), "no pristine copy of kata semaphore") {
		t.Errorf("reset without a stub: err = %v, want one saying there is no pristine copy", err)
	}
}

func isStub(t *testing.T, a *app) bool {
	t.Helper()
	untouched, err := a.untouched("semaphore")
	if err != nil {
		t.Fatal(err)
	}
	return untouched
}

// fixedTime is the clock of the reset tests: 11:29 UTC, told in another zone
// so that the backup's name must convert it.
func fixedTime() time.Time {
	return time.Date(2026, 12, 3, 12, 29, 0, 0, time.FixedZone("CET", 3600))
}

// TestResetBacksUpFirst checks that the learner's files, the added ones
// included, are in the backup, that a second reset gets its own backup, and
// that the hints of the kata (only) count from the first again.
func TestResetBacksUpFirst(t *testing.T) {
	root := testTree(t, "semaphore*")
	kata := filepath.Join(root, "katas", "semaphore")
	mine, _ := os.ReadFile(filepath.Join(kata, "semaphore.go"))
	writeFile(t, filepath.Join(kata, "notes.txt"), "mine")
	writeFile(t, filepath.Join(root, hintsFile), `{"semaphore": 2, "lock": 1}`)
	a, stdout, _ := testApp(t, root, nil)
	a.now = fixedTime
	for _, run := range []string{"first", "second"} {
		if err := a.dispatch(t.Context(), []string{"reset", "semaphore", "--force"}); err != nil {
			t.Fatalf("%s reset: %v", run, err)
		}
	}
	backup := filepath.Join(root, ".kata", "backup", "semaphore", "20261203T112900Z")
	if got, _ := os.ReadFile(filepath.Join(backup, "semaphore.go")); string(got) != string(mine) {
		t.Errorf("the backup's semaphore.go = %q, want the learner's %q", got, mine)
	}
	if got, _ := os.ReadFile(filepath.Join(backup, "notes.txt")); string(got) != "mine" {
		t.Errorf("the backup's notes.txt = %q, want the learner's", got)
	}
	if !strings.Contains(stdout.String(), "backed up to .kata/backup/semaphore/20261203T112900Z-2/\n") {
		t.Errorf("the second reset did not get a backup of its own:\n%s", stdout)
	}
	seen, err := a.loadHintsSeen()
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := seen["semaphore"]; ok || seen["lock"] != 1 {
		t.Errorf("hints seen after reset = %v, want semaphore's forgotten and lock's kept", seen)
	}
}

func TestResetAll(t *testing.T) {
	root := testTree(t, "semaphore*", "lock*")
	a, stdout, _ := testApp(t, root, nil)
	a.now = fixedTime
	a.stdin = strings.NewReader("y\n")
	if err := a.dispatch(t.Context(), []string{"reset", "--all"}); err != nil {
		t.Fatal(err)
	}
	want := "Reset every kata to the stub? A backup is kept in .kata/backup [y/N] " +
		"katas/lock backed up to .kata/backup/lock/20261203T112900Z/\n" +
		"katas/lock is the stub again: lock.go restored\n" +
		"katas/semaphore backed up to .kata/backup/semaphore/20261203T112900Z/\n" +
		"katas/semaphore is the stub again: semaphore.go restored\n"
	if stdout.String() != want {
		t.Errorf("reset --all printed\n%s\nwant\n%s", stdout, want)
	}
	for _, name := range []string{"semaphore", "lock"} {
		if _, err := os.Stat(filepath.Join(root, ".kata", "backup", name, "20261203T112900Z", name+".go")); err != nil {
			t.Errorf("no backup of katas/%s: %v", name, err)
		}
	}
}

func TestResetArguments(t *testing.T) {
	cases := map[string]string{
		"reset":                 "want one kata name or --all, got 0 names",
		"reset semaphore lock":  "want one kata name or --all, got 2 names",
		"reset --all semaphore": "reset --all takes no kata name",
	}
	for args, want := range cases {
		a, _, _ := testApp(t, testTree(t, "semaphore"), nil)
		err := a.dispatch(t.Context(), strings.Fields(args))
		if err == nil || !strings.Contains(err.Error(), want) || exitCode(err) != exitUsage {
			t.Errorf("%s: err = %v (exit %d), want a usage error containing %q", args, err, exitCode(err), want)
		}
	}
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestNestedStubFiles checks a kata whose stub has a file in a subdirectory,
// as katas/echo/cmd/echo/main.go: untouched sees a change in it, the board's
// hash of the kata too, and reset restores it, even with its directory gone,
// and removes a file the learner added beside it.
func TestNestedStubFiles(t *testing.T) {
	root := t.TempDir()
	kata := filepath.Join(root, "katas", "echo")
	main := filepath.Join(kata, "cmd", "echo", "main.go")
	writeFile(t, filepath.Join(kata, "echo.go"), "package echo\n")
	writeFile(t, main, "package main\n")
	a, stdout, _ := testApp(t, root, nil)
	a.now = fixedTime
	a.stubs = fstest.MapFS{
		"echo/echo.go.stub":          {Data: []byte("package echo\n")},
		"echo/cmd/echo/main.go.stub": {Data: []byte("package main\n")},
	}
	untouched := func() bool {
		t.Helper()
		u, err := a.untouched("echo")
		if err != nil {
			t.Fatal(err)
		}
		return u
	}
	if !untouched() {
		t.Fatal("katas/echo as its stub is not untouched")
	}
	before, _ := a.kataHash("echo")
	writeFile(t, main, "package main\n\n// The learner's work.\n")
	writeFile(t, filepath.Join(kata, "cmd", "echo", "notes.txt"), "mine")
	if untouched() {
		t.Error("katas/echo with cmd/echo/main.go changed is untouched, want touched")
	}
	if after, _ := a.kataHash("echo"); after == before {
		t.Error("the board's hash of katas/echo did not change with cmd/echo/main.go")
	}
	if err := a.dispatch(t.Context(), []string{"reset", "echo", "--force"}); err != nil {
		t.Fatal(err)
	}
	if want := "katas/echo is the stub again: cmd/echo/main.go, echo.go restored; cmd/echo/notes.txt removed\n"; !strings.Contains(stdout.String(), want) {
		t.Errorf("reset printed\n%s\nwant it to say %q", stdout, want)
	}
	if !untouched() {
		t.Error("katas/echo is not its stub after reset")
	}
	if err := os.RemoveAll(filepath.Join(kata, "cmd")); err != nil {
		t.Fatal(err)
	}
	if untouched() {
		t.Error("katas/echo without cmd/ is untouched, want touched")
	}
	if err := a.dispatch(t.Context(), []string{"reset", "echo", "--force"}); err != nil {
		t.Fatal(err)
	}
	if got, err := os.ReadFile(main); err != nil || string(got) != "package main\n" {
		t.Errorf("after reset, cmd/echo/main.go = %q, %v, want the stub's", got, err)
	}
}
