package executortest

import (
	"context"
	"iter"
	"math"
	"runtime"
	"runtime/debug"
	"slices"
	"sync"

	"github.com/conckata/conckata/solutions/task"
)

// bugs switches on known bugs in the plain executor.
type bugs struct {
	completionOrder, goroutinePerItem, eagerInput, noCancelOnError bool
	lastErrorWins, breakLeaks, panicEscapes, ctxIgnored            bool
}

// plain returns the plain executor with the bugs of b switched on.
func plain(b bugs) Impl { return Impl{Map: b.Map, Stream: b.Stream} }

// failure is the first error of one Map or Stream loop, and the ctx it
// cancels.
type failure struct {
	bugs
	ctx    context.Context
	cancel context.CancelFunc
	mu     sync.Mutex // protects first
	first  error
}

func (b bugs) newFailure(ctx context.Context) *failure {
	if b.ctxIgnored {
		ctx = context.WithoutCancel(ctx)
	}
	ctx, cancel := context.WithCancel(ctx)
	return &failure{bugs: b, ctx: ctx, cancel: cancel}
}

func (f *failure) fail(err error) {
	f.mu.Lock()
	if f.first == nil || f.lastErrorWins {
		f.first = err
	}
	f.mu.Unlock()
	if !f.noCancelOnError {
		f.cancel()
	}
}

func (f *failure) err() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.first
}

func (b bugs) workers(n int) int {
	switch {
	case b.goroutinePerItem:
		return math.MaxInt
	case n <= 0:
		return runtime.GOMAXPROCS(0)
	}
	return n
}

func (b bugs) call(ctx context.Context, fn Func, x int) (v int, err error) {
	if !b.panicEscapes {
		defer func() {
			if p := recover(); p != nil {
				err = &task.PanicError{Value: p, Stack: debug.Stack()}
			}
		}()
	}
	return fn(ctx, x)
}

func goexitError() error {
	return &task.PanicError{Value: "runtime.Goexit", Stack: debug.Stack()}
}

// Map feeds the indices of in to its workers over a channel; each worker
// writes the results of its elements in place.
func (b bugs) Map(ctx context.Context, workers int, in []int, fn Func) ([]int, error) {
	if fn == nil {
		panic("executor: Map called with a nil function")
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	f := b.newFailure(ctx)
	defer f.cancel()
	m := &mapping{failure: f, in: in, fn: fn, out: make([]int, len(in)), jobs: make(chan int)}
	var wg sync.WaitGroup
	for range min(b.workers(workers), len(in)) {
		wg.Go(m.work)
	}
	m.feed()
	wg.Wait()
	if err := f.err(); err != nil {
		return nil, err
	}
	if err := f.ctx.Err(); err != nil {
		return nil, err // ctx is done, and the feed stopped early
	}
	return m.out, nil
}

// mapping is one call of the plain Map.
type mapping struct {
	*failure
	in, out []int
	fn      Func
	jobs    chan int
	mu      sync.Mutex // protects done, for completionOrder
	done    int
}

// feed sends the indices of in to the workers until ctx is done.
func (m *mapping) feed() {
	defer close(m.jobs)
	for i := range m.in {
		if m.ctx.Err() != nil {
			return
		}
		select {
		case m.jobs <- i:
		case <-m.ctx.Done():
			return
		}
	}
}

// work is one worker: it calls fn on the elements it is fed.
func (m *mapping) work() {
	calling := false // still true if fn ended the goroutine with runtime.Goexit
	defer func() {
		if calling {
			m.fail(goexitError())
		}
	}()
	for i := range m.jobs {
		calling = true
		v, err := m.call(m.ctx, m.fn, m.in[i])
		calling = false
		if err != nil {
			m.fail(err)
			continue
		}
		if m.completionOrder {
			m.mu.Lock()
			i = m.done
			m.done++
			m.mu.Unlock()
		}
		m.out[i] = v
	}
}

// Stream keeps one buffered channel per element in flight, in input order,
// and at most workers of them.
func (b bugs) Stream(ctx context.Context, workers int, in iter.Seq[int], fn Func) iter.Seq2[int, error] {
	if fn == nil {
		panic("executor: Stream called with a nil function")
	}
	w := b.workers(workers)
	return func(yield func(int, error) bool) {
		s := &streaming{failure: b.newFailure(ctx), caller: ctx, fn: fn}
		defer s.end()
		src := in
		if b.eagerInput {
			src = slices.Values(slices.Collect(in))
		}
		var stop func()
		s.next, stop = iter.Pull(src)
		defer stop()
		if b.completionOrder {
			s.shared = make(chan pair, w)
		}
		s.yieldAll(w, yield)
	}
}

// streaming is one loop over the plain Stream.
type streaming struct {
	*failure
	caller context.Context
	fn     Func
	wg     sync.WaitGroup
	next   func() (int, bool)
	shared chan pair   // every call's channel, for completionOrder
	queue  []chan pair // one per element in flight, in input order
	ended  bool
}

// end cancels the calls running and waits for them.
func (s *streaming) end() {
	s.cancel()
	if !s.breakLeaks {
		s.wg.Wait()
	}
}

// yieldAll keeps w calls in flight and yields their results in input order.
func (s *streaming) yieldAll(w int, yield func(int, error) bool) {
	for {
		for len(s.queue) < w && s.more() {
		}
		if len(s.queue) == 0 {
			break
		}
		p := <-s.queue[0]
		s.queue = s.queue[1:]
		if p.err != nil {
			yield(0, s.err())
			return
		}
		if !yield(p.v, nil) {
			return
		}
	}
	if err := s.err(); err != nil {
		yield(0, err)
	}
}

// more reads one more element and starts its call, and reports whether it
// did.
func (s *streaming) more() bool {
	if s.ended {
		return false
	}
	if err := s.caller.Err(); err != nil {
		s.fail(err)
		return false
	}
	if s.err() != nil {
		return false
	}
	x, ok := s.next()
	if !ok {
		s.ended = true
		return false
	}
	ch := s.shared
	if ch == nil {
		ch = make(chan pair, 1)
	}
	s.queue = append(s.queue, ch)
	s.wg.Go(func() { s.run(x, ch) })
	return true
}

// run calls fn on x and sends the result to ch.
func (s *streaming) run(x int, ch chan pair) {
	sent := false
	defer func() {
		if !sent { // fn ended the goroutine with runtime.Goexit
			err := goexitError()
			s.fail(err)
			ch <- pair{0, err}
		}
	}()
	v, err := s.call(s.ctx, s.fn, x)
	if err != nil {
		s.fail(err)
	}
	ch <- pair{v, err}
	sent = true
}
