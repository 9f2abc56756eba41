package executortest

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"slices"
	"sync"
	"testing/synctest"

	"github.com/conckata/conckata/internal/bubble"
)

// errBoom is the error the properties' functions fail with.
var errBoom = errors.New("boom")

// result is what the properties' functions return for element x, so that a
// result in the wrong place is seen.
func result(x int) int { return 10*x + 1 }

// recorder wraps fn to count the calls an implementation makes.
type recorder struct {
	mu        sync.Mutex // protects the fields below
	started   []int      // the elements whose calls started, in that order
	live      []int      // the elements whose calls run now
	running   int        // calls started and not yet returned
	most      int        // the most calls running at once
	finished  int        // calls returned
	sawCancel int        // calls that returned with their ctx done
}

// counts is a snapshot of a recorder.
type counts struct{ started, running, most, finished, sawCancel int }

// wrap returns an fn that records each call of body.
func (r *recorder) wrap(body Func) Func {
	return func(ctx context.Context, x int) (int, error) {
		r.mu.Lock()
		r.started = append(r.started, x)
		r.live = append(r.live, x)
		r.running++
		r.most = max(r.most, r.running)
		r.mu.Unlock()
		defer func() {
			r.mu.Lock()
			defer r.mu.Unlock()
			r.live = slices.DeleteFunc(r.live, func(y int) bool { return y == x })
			r.running--
			r.finished++
			if ctx.Err() != nil {
				r.sawCancel++
			}
		}()
		return body(ctx, x)
	}
}

func (r *recorder) counts() counts {
	r.mu.Lock()
	defer r.mu.Unlock()
	return counts{len(r.started), r.running, r.most, r.finished, r.sawCancel}
}

// oldestRunning returns the first element in input order whose call runs
// now, and false if none does.
func (r *recorder) oldestRunning() (int, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.live) == 0 {
		return 0, false
	}
	return slices.Min(r.live), true
}

// startedElems returns the elements whose calls started, in that order.
func (r *recorder) startedElems() []int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]int(nil), r.started...)
}

// gates hold each element's call until the property lets it through. A
// property that finds a bug calls abort, which lets every call through, so
// that the bubble can end with its own message rather than a deadlock.
type gates struct {
	open    []chan struct{}
	aborted chan struct{}
	once    sync.Once
}

// errAborted is returned by calls released by abort.
var errAborted = errors.New("executortest: released by abort")

func newGates(n int) *gates {
	g := &gates{open: make([]chan struct{}, n), aborted: make(chan struct{})}
	for i := range g.open {
		g.open[i] = make(chan struct{})
	}
	return g
}

// pass lets element x's call return.
func (g *gates) pass(x int) { close(g.open[x]) }

// abort lets every call return; it may be called more than once.
func (g *gates) abort() { g.once.Do(func() { close(g.aborted) }) }

// hold blocks until x's gate opens, then returns x's result.
func (g *gates) hold(_ context.Context, x int) (int, error) {
	select {
	case <-g.open[x]:
		return result(x), nil
	case <-g.aborted:
		return 0, errAborted
	}
}

// untilCancelled blocks until its ctx is done and returns ctx.Err().
func (g *gates) untilCancelled(ctx context.Context, _ int) (int, error) {
	select {
	case <-ctx.Done():
		return 0, ctx.Err()
	case <-g.aborted:
		return 0, errAborted
	}
}

// mapCall is a Map running in a goroutine of its own in a synctest bubble.
type mapCall struct {
	*bubble.Call
	got      []int  // what Map returned, once it has
	atReturn counts // the recorder's counts just after Map returned
}

// startMap starts Map with a ctx derived from parent (cancelled by Cancel)
// and returns once the bubble is idle. It must run in a bubble.
func startMap(parent context.Context, impl Impl, workers int, in []int, rec *recorder, body Func) *mapCall {
	m := &mapCall{}
	name := fmt.Sprintf("Map(ctx, %d, %d elements, fn)", workers, len(in))
	m.Call = bubble.StartWith(parent, name, func(ctx context.Context) error {
		got, err := impl.Map(ctx, workers, in, rec.wrap(body))
		m.got = got
		m.atReturn = rec.counts()
		return err
	})
	return m
}

// pair is one pair yielded by a Stream.
type pair struct {
	v   int
	err error
}

func (p pair) String() string { return fmt.Sprintf("(%d, %v)", p.v, p.err) }

// consumer is a loop over a Stream running in a goroutine of its own in a
// synctest bubble; it records every pair, and may break after some.
type consumer struct {
	done     chan struct{} // closed when the loop has ended
	mu       sync.Mutex    // protects pairs
	pairs    []pair
	atEnd    counts // the recorder's counts just after the loop ended
	pulledAt int    // elements read from the input when the loop ended
}

// consume ranges over seq in a new goroutine, breaking after limit pairs if
// limit > 0, and returns once the bubble is idle. It must run in a bubble.
func consume(seq iter.Seq2[int, error], limit int, rec *recorder, in *input) *consumer {
	c := &consumer{done: make(chan struct{})}
	go func() {
		defer close(c.done)
		for v, err := range seq {
			c.mu.Lock()
			c.pairs = append(c.pairs, pair{v, err})
			n := len(c.pairs)
			c.mu.Unlock()
			if n == limit {
				break
			}
		}
		c.atEnd = rec.counts()
		if in != nil {
			c.pulledAt = in.count()
		}
	}()
	synctest.Wait()
	return c
}

// ended reports whether the loop has ended. Call it when the bubble is idle.
func (c *consumer) ended() bool {
	select {
	case <-c.done:
		return true
	default:
		return false
	}
}

func (c *consumer) got() []pair {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]pair(nil), c.pairs...)
}

// input is an iter.Seq over 0, 1, ... n-1 (endless if n < 0) that counts the
// elements read from it. A consumer calls give for each pair it receives;
// with ahead > 0, an input read more than ahead elements beyond those given
// notes the overrun and ends, so that an executor that reads eagerly stops.
type input struct {
	n, ahead int
	mu       sync.Mutex // protects the fields below
	pulled   int        // elements read
	given    int        // pairs the consumer has received
	overrun  string     // the first overrun, or ""
}

func (in *input) seq(yield func(int) bool) {
	for x := 0; in.n < 0 || x < in.n; x++ {
		in.mu.Lock()
		in.pulled++
		if in.ahead > 0 && in.pulled > in.given+in.ahead {
			if in.overrun == "" {
				in.overrun = fmt.Sprintf("element %d was read when the consumer had received %d pairs", x, in.given)
			}
			in.mu.Unlock()
			return
		}
		in.mu.Unlock()
		if !yield(x) {
			return
		}
	}
}

func (in *input) give() {
	in.mu.Lock()
	defer in.mu.Unlock()
	in.given++
}

func (in *input) count() int {
	in.mu.Lock()
	defer in.mu.Unlock()
	return in.pulled
}

func (in *input) overrunBy() string {
	in.mu.Lock()
	defer in.mu.Unlock()
	return in.overrun
}

// elems returns 0, 1, ... n-1.
func elems(n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = i
	}
	return s
}
