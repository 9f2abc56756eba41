package main

import (
	"bytes"
	"context"
	"io"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// startWatch starts watch on kata semaphore, started and failing as
// partial.json has it, fed by the changes and lines the test sends. Watch
// reads them during a run too, so the test waits for a run's end (its
// prompt, on the returned promptBuffer) before sending, and the output is
// deterministic. It returns watch's output and the channel its result
// arrives on.
func startWatch(t *testing.T, ctx context.Context, changes, lines <-chan string) (*promptBuffer, <-chan error) {
	a, _, _ := testApp(t, testTree(t, "semaphore*"), map[string][]string{
		"-race -count=1 -json ./katas/semaphore": {"partial.json"},
	})
	out := &promptBuffer{prompts: make(chan struct{}, 16)}
	a.stdout = out
	done := make(chan error, 1)
	go func() { done <- a.watch(ctx, semaphoreKata, false, changes, lines) }()
	return out, done
}

// promptBuffer is watch's output, safe for concurrent use, with a signal for
// each "watching" prompt: a run's end.
type promptBuffer struct {
	mu      sync.Mutex
	buf     bytes.Buffer
	prompts chan struct{}
}

func (b *promptBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for range bytes.Count(p, []byte("\nwatching katas/")) {
		b.prompts <- struct{}{}
	}
	return b.buf.Write(p)
}

func (b *promptBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// settled waits for the end of watch's current run.
func (b *promptBuffer) settled(t *testing.T) {
	t.Helper()
	select {
	case <-b.prompts:
	case <-time.After(10 * time.Second):
		t.Fatalf("no run ended within 10s:\n%s", b)
	}
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
	stdout.settled(t)
	give(t, changes, "semaphore.go, waiters.go", done)
	stdout.settled(t)
	give(t, lines, "", done)
	stdout.settled(t)
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
	stdout.settled(t)
	give(t, changes, "semaphore.go", done)
	stdout.settled(t)
	cancel() // Ctrl-C
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

// TestWatchQuitsAtEndOfInput checks that watch ends when stdin does, as it
// does for q: a watch fed by a closed stdin must not run forever.
func TestWatchQuitsAtEndOfInput(t *testing.T) {
	changes, lines := make(chan string), make(chan string)
	stdout, done := startWatch(t, t.Context(), changes, lines)
	stdout.settled(t)
	close(lines)
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("watch at the end of stdin: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("watch did not quit within 10s of the end of stdin")
	}
	if !strings.HasSuffix(stdout.String(), "stopped watching\n") {
		t.Errorf("watch did not say it stopped:\n%s", stdout)
	}
}

// TestWatchSaveCancelsAStaleRun checks that a save during a run that does
// not end cancels that run's ctx and starts the next run at once.
func TestWatchSaveCancelsAStaleRun(t *testing.T) {
	a, _, _ := testApp(t, testTree(t, "semaphore*"), nil)
	out := &promptBuffer{prompts: make(chan struct{}, 16)}
	a.stdout = out
	started, cancelled := make(chan struct{}), make(chan struct{})
	calls := 0
	a.goTest = func(ctx context.Context, _ ...string) (io.ReadCloser, error) {
		calls++
		if calls > 1 {
			return io.NopCloser(bytes.NewReader(recording(t, "solved.json"))), nil
		}
		r, w := io.Pipe()
		close(started)
		go func() { // a stuck run: no event until its ctx is cancelled
			<-ctx.Done()
			close(cancelled)
			w.CloseWithError(ctx.Err())
		}()
		return r, nil
	}
	changes, lines := make(chan string), make(chan string)
	done := make(chan error, 1)
	go func() { done <- a.watch(t.Context(), semaphoreKata, false, changes, lines) }()
	<-started
	give(t, changes, "semaphore.go", done)
	select {
	case <-cancelled:
	case <-time.After(time.Second):
		t.Fatal("the stale run's ctx was not cancelled within 1s of the save")
	}
	select {
	case <-out.prompts:
	case <-time.After(time.Second):
		t.Fatalf("the save's run did not end within 1s:\n%s", out)
	}
	give(t, lines, "q", done)
	if err := <-done; err != nil {
		t.Fatalf("watch: %v", err)
	}
	want := "(run of katas/semaphore stopped: its verdict would be stale)\n\n── semaphore.go changed: testing katas/semaphore ──\n"
	if !strings.Contains(out.String(), want) || !strings.Contains(out.String(), "13 of 13 properties pass") {
		t.Errorf("watch after a save during a stuck run printed:\n%s\nwant it to contain %q and the new verdict", out, want)
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
		"-race -json ./katas/lock ./katas/semaphore": {"solved.json", "partial.json katas/semaphore=katas/lock"},
		"-race -count=1 -json ./katas/lock":          {"partial.json katas/semaphore=katas/lock"},
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

// TestWatchMovesOnToTheNextKata runs watch without a name: once the board's
// next kata (lock) passes, n moves on to the board's next one (semaphore).
func TestWatchMovesOnToTheNextKata(t *testing.T) {
	a, _, _ := testApp(t, testTree(t, "lock*", "semaphore*"), nil)
	out := &promptBuffer{prompts: make(chan struct{}, 16)}
	a.stdout = out
	lock := "partial.json katas/semaphore=katas/lock"
	a.goTest = func(_ context.Context, args ...string) (io.ReadCloser, error) {
		var specs []string
		switch strings.Join(args, " ") {
		case "-race -json ./katas/lock ./katas/semaphore": // the board, once: then it remembers
			specs = []string{lock, "partial.json"}
		case "-race -count=1 -json ./katas/lock":
			specs = []string{"solved.json katas/semaphore=katas/lock"}
		case "-race -count=1 -json ./katas/semaphore":
			specs = []string{"partial.json"}
		default:
			t.Errorf("unexpected invocation: go test %s", strings.Join(args, " "))
		}
		var stream []byte
		for _, s := range specs {
			stream = append(stream, recording(t, s)...)
		}
		return io.NopCloser(bytes.NewReader(stream)), nil
	}
	a.changes = func(context.Context, string, io.Writer) <-chan string { return nil }
	stdin, typed := io.Pipe()
	a.stdin = stdin
	done := make(chan error, 1)
	go func() { done <- a.dispatch(t.Context(), []string{"watch"}) }()
	out.settled(t)
	if _, err := typed.Write([]byte("n\n")); err != nil {
		t.Fatal(err)
	}
	out.settled(t)
	typed.Close() // the end of input quits
	if err := <-done; err != nil {
		t.Fatalf("watch: %v", err)
	}
	for _, want := range []string{
		"── started: testing katas/lock ──",
		"solved! n and Enter: next kata\n",
		"katas/lock is solved: on to the next kata\n\n── started: testing katas/semaphore ──",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("watch's output has no %q:\n%s", want, out)
		}
	}
	if strings.Count(out.String(), "solved! n") != 1 {
		t.Errorf("watch offered to move on from a failing kata:\n%s", out)
	}
}

// TestWatchQuitsDuringAStuckRun checks that q during a run that does not end
// quits at once, without calling the run stale: no newer run replaces it.
func TestWatchQuitsDuringAStuckRun(t *testing.T) {
	a, stdout, _ := testApp(t, testTree(t, "semaphore*"), nil)
	started := make(chan struct{})
	a.goTest = func(ctx context.Context, _ ...string) (io.ReadCloser, error) {
		r, w := io.Pipe()
		close(started)
		go func() { <-ctx.Done(); w.CloseWithError(ctx.Err()) }()
		return r, nil
	}
	lines := make(chan string)
	done := make(chan error, 1)
	go func() { done <- a.watch(t.Context(), semaphoreKata, false, nil, lines) }()
	<-started
	give(t, lines, "q", done)
	if err := <-done; err != nil {
		t.Fatalf("watch: %v", err)
	}
	if want := "── started: testing katas/semaphore ──\n\nstopped watching\n"; !strings.HasSuffix(stdout.String(), want) {
		t.Errorf("q during a stuck run printed %q, want it to end %q", stdout, want)
	}
}
