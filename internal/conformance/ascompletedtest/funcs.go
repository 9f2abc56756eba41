package ascompletedtest

import (
	"context"
	"fmt"
	"iter"
	"strings"
	"sync"
	"time"
)

// The functions below run in synctest bubbles: their sleeps are on the
// bubble's fake clock, so durations and the moments of yields are exact.

// after returns v after d, or (0, ctx.Err()) if its ctx is done first.
func after(d time.Duration, v int) Func {
	return func(ctx context.Context) (int, error) {
		timer := time.NewTimer(d)
		defer timer.Stop()
		select {
		case <-timer.C:
			return v, nil
		case <-ctx.Done():
			return 0, ctx.Err()
		}
	}
}

// stubborn returns v after d, whatever its ctx says.
func stubborn(d time.Duration, v int) Func {
	return func(context.Context) (int, error) {
		time.Sleep(d)
		return v, nil
	}
}

// failing returns err after d, or ctx.Err() if its ctx is done first.
func failing(d time.Duration, err error) Func {
	return func(ctx context.Context) (int, error) {
		if _, cerr := after(d, 0)(ctx); cerr != nil {
			return 0, cerr
		}
		return 0, err
	}
}

// lingering waits for its ctx to be done, then works on for d before it
// returns (0, ctx.Err()): a function that takes time to clean up.
func lingering(d time.Duration) Func {
	return func(ctx context.Context) (int, error) {
		<-ctx.Done()
		time.Sleep(d)
		return 0, ctx.Err()
	}
}

// step is one yield of a loop: what was yielded, and when.
type step struct {
	v   int
	err error
	at  time.Duration // since the loop started, on the bubble's clock
}

func (s step) String() string {
	if s.err != nil {
		return fmt.Sprintf("(%d, %q) at %v", s.v, s.err, s.at)
	}
	return fmt.Sprintf("(%d, nil) at %v", s.v, s.at)
}

func steps(ss []step) string {
	parts := make([]string, len(ss))
	for i, s := range ss {
		parts[i] = s.String()
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// collect ranges over seq to the end, and returns what was yielded, when, and
// when the loop ended.
func collect(seq iter.Seq2[int, error]) (ss []step, end time.Duration) {
	start := time.Now()
	for v, err := range seq {
		ss = append(ss, step{v, err, time.Since(start)})
	}
	return ss, time.Since(start)
}

// tracker watches the functions of one AsCompleted: how often each was
// called, whether it is running, and when its ctx was first seen done.
type tracker struct {
	start time.Time
	mu    sync.Mutex // protects the fields below
	calls []int
	runs  []int           // calls that have not returned yet
	done  []time.Duration // when the ctx of a running call was done; -1 if never
}

func newTracker(n int) *tracker {
	tr := &tracker{start: time.Now(), calls: make([]int, n), runs: make([]int, n), done: make([]time.Duration, n)}
	for i := range tr.done {
		tr.done[i] = -1
	}
	return tr
}

// wrap returns fns, each wrapped to report its life to tr.
func (tr *tracker) wrap(fns ...Func) []Func {
	wrapped := make([]Func, len(fns))
	for i, fn := range fns {
		wrapped[i] = func(ctx context.Context) (int, error) {
			tr.mu.Lock()
			tr.calls[i]++
			tr.runs[i]++
			tr.mu.Unlock()
			stop := context.AfterFunc(ctx, func() {
				tr.mu.Lock()
				defer tr.mu.Unlock()
				if tr.done[i] < 0 {
					tr.done[i] = time.Since(tr.start)
				}
			})
			defer func() {
				stop()
				tr.mu.Lock()
				defer tr.mu.Unlock()
				tr.runs[i]--
			}()
			return fn(ctx)
		}
	}
	return wrapped
}

// running returns the indexes of the functions still running.
func (tr *tracker) running() []int {
	tr.mu.Lock()
	defer tr.mu.Unlock()
	var r []int
	for i, n := range tr.runs {
		if n > 0 {
			r = append(r, i)
		}
	}
	return r
}

// callCounts returns how often each function was called.
func (tr *tracker) callCounts() []int {
	tr.mu.Lock()
	defer tr.mu.Unlock()
	return append([]int(nil), tr.calls...)
}

// doneAt returns when the ctx of function i was seen done while it ran.
func (tr *tracker) doneAt(i int) (time.Duration, bool) {
	tr.mu.Lock()
	defer tr.mu.Unlock()
	return tr.done[i], tr.done[i] >= 0
}
