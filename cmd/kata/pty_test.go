//go:build linux || darwin

package main

import (
	"bytes"
	"context"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/creack/pty"
)

// TestWatchOnATerminal drives watch through a pseudo-terminal, as a learner
// does: during a run that does not end, a save gives a fresh verdict within
// 2 s, and q typed on the terminal quits.
func TestWatchOnATerminal(t *testing.T) {
	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Skipf("no pseudo-terminal here: %v", err)
	}
	defer ptmx.Close()
	defer tty.Close()
	if !isTerminal(tty) {
		t.Fatal("isTerminal(a pseudo-terminal) = false")
	}
	a, _, _ := testApp(t, testTree(t, "semaphore*"), nil)
	a.stdin, a.stdout, a.terminal = tty, tty, isTerminal(tty)
	started := make(chan struct{})
	calls := 0
	a.goTest = func(ctx context.Context, _ ...string) (io.ReadCloser, error) {
		if calls++; calls > 1 {
			return io.NopCloser(bytes.NewReader(recording(t, "solved.json"))), nil
		}
		r, w := io.Pipe()
		close(started)
		go func() { <-ctx.Done(); w.CloseWithError(ctx.Err()) }()
		return r, nil
	}
	changes := make(chan string, 1)
	a.changes = func(context.Context, string, io.Writer) <-chan string { return changes }
	screen := readScreen(ptmx)
	done := make(chan error, 1)
	go func() { done <- a.dispatch(t.Context(), []string{"watch", "semaphore"}) }()
	<-started
	changes <- "semaphore.go"
	screen.waitFor(t, "13 of 13 properties pass", 2*time.Second)
	if _, err := ptmx.Write([]byte("q\n")); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("watch: %v", err)
		}
	case <-time.After(2 * time.Second):
		t.Fatalf("q typed on the terminal did not quit within 2s:\n%s", screen)
	}
	screen.waitFor(t, "stopped watching", 2*time.Second)
	if !strings.Contains(screen.String(), "properties decided") {
		t.Errorf("no progress line on the terminal:\n%s", screen)
	}
}

// screen is what a terminal showed, read from its master side.
type screen struct {
	mu   sync.Mutex
	buf  strings.Builder
	more chan struct{} // a send after each read
}

func readScreen(ptmx io.Reader) *screen {
	s := &screen{more: make(chan struct{}, 1)}
	go func() {
		p := make([]byte, 4096)
		for {
			n, err := ptmx.Read(p)
			s.mu.Lock()
			s.buf.Write(p[:n])
			s.mu.Unlock()
			select {
			case s.more <- struct{}{}:
			default:
			}
			if err != nil {
				return
			}
		}
	}()
	return s
}

func (s *screen) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.buf.String()
}

// waitFor waits until the screen shows want.
func (s *screen) waitFor(t *testing.T, want string, limit time.Duration) {
	t.Helper()
	deadline := time.After(limit)
	for !strings.Contains(s.String(), want) {
		select {
		case <-s.more:
		case <-deadline:
			t.Fatalf("the terminal did not show %q within %v:\n%s", want, limit, s)
		}
	}
}
