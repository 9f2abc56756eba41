package main

import (
	"bytes"
	"context"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// startWatch starts watch on kata semaphore, started and failing as
// partial.json has it, fed by the changes and lines the test sends. Watch
// takes each send only once it waits again, so the output is deterministic.
// It returns watch's output and the channel its result arrives on.
func startWatch(t *testing.T, ctx context.Context, changes, lines <-chan string) (*bytes.Buffer, <-chan error) {
	a, stdout, _ := testApp(t, testTree(t, "semaphore*"), map[string][]string{
		"-race -count=1 -json ./katas/semaphore": {"partial.json"},
	})
	done := make(chan error, 1)
	go func() { done <- a.watch(ctx, semaphoreKata, false, changes, lines) }()
	return stdout, done
}

// give sends v on ch, and fails the test if watch returns instead of
// taking it.
func give(t *testing.T, ch chan<- string, v string, done <-chan error) {
	t.Helper()
	select {
	case ch <- v:
	case err := <-done:
		t.Fatalf("watch returned (err %v) instead of taking %q", err, v)
	}
}

func TestWatchTestsAgainOnEachChangeAndEnter(t *testing.T) {
	changes, lines := make(chan string), make(chan string)
	stdout, done := startWatch(t, t.Context(), changes, lines)
	give(t, changes, "semaphore.go, waiters.go", done)
	give(t, lines, "", done)
	give(t, lines, "what now?", done)
	give(t, lines, "q", done)
	if err := <-done; err != nil {
		t.Errorf("watch: %v", err)
	}
	checkGolden(t, "watch", stdout.String())
}

func TestWatchStopsWhenCtxIsDone(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	changes, lines := make(chan string), make(chan string)
	stdout, done := startWatch(t, ctx, changes, lines)
	close(lines)                           // stdin ended: saves still re-run
	give(t, changes, "semaphore.go", done) // taken: watch did not quit at the end of stdin
	cancel()                               // Ctrl-C
	if err := <-done; err != nil {
		t.Errorf("watch after Ctrl-C: err = %v, want nil (a clean exit)", err)
	}
	if got := strings.Count(stdout.String(), "── "); got != 2 {
		t.Errorf("watch ran the tests %d times, want 2:\n%s", got, stdout)
	}
	if !strings.HasSuffix(stdout.String(), "stopped watching\n") {
		t.Errorf("watch did not say it stopped:\n%s", stdout)
	}
}

// TestWatchStopsDuringARun checks Ctrl-C while go test runs.
func TestWatchStopsDuringARun(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	a, stdout, _ := testApp(t, testTree(t, "semaphore*"), nil)
	a.goTest = func(ctx context.Context, _ ...string) (io.ReadCloser, error) {
		cancel()
		return nil, ctx.Err()
	}
	if err := a.watch(ctx, semaphoreKata, false, nil, nil); err != nil {
		t.Errorf("watch: err = %v, want nil", err)
	}
	if !strings.HasSuffix(stdout.String(), "stopped watching\n") {
		t.Errorf("watch did not say it stopped:\n%s", stdout)
	}
}

// TestWatchDefaultsToTheNextKata runs the command as a learner would, with
// q typed at once, and checks it follows the next kata's directory.
func TestWatchDefaultsToTheNextKata(t *testing.T) {
	root := testTree(t, "semaphore*", "lock*")
	a, stdout, _ := testApp(t, root, map[string][]string{
		testKatas:                           {"solved.json", "partial.json katas/semaphore=katas/lock"},
		"-race -count=1 -json ./katas/lock": {"partial.json katas/semaphore=katas/lock"},
	})
	a.stdin = strings.NewReader("q\n")
	var watched string
	a.changes = func(_ context.Context, dir string, _ io.Writer) <-chan string {
		watched = dir
		return nil
	}
	done := make(chan error, 1)
	go func() { done <- a.dispatch(t.Context(), []string{"watch"}) }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second): // only if q is not heard
		t.Fatal("watch did not quit within 10s of reading q")
	}
	if want := filepath.Join(root, "katas", "lock"); watched != want {
		t.Errorf("watch followed %s, want %s", watched, want)
	}
	if !strings.Contains(stdout.String(), "── started: testing katas/lock ──") {
		t.Errorf("watch did not test lock:\n%s", stdout)
	}
}
