package executortest

import (
	"context"
	"iter"
	"math"
	"runtime"
	"runtime/debug"
	"slices"
	"sync"

	"github.com/conckata/conckata/internal/harness"
	"github.com/conckata/conckata/solutions/task"
)

// mutants are the known executor bugs, each one switch on a plain executor.
var mutants = []harness.Mutant[Impl]{
	{Name: "completion-order", Bug: "results are kept in the order the calls finish (appended under a mutex, or read from one shared channel), not in input order", Impl: mutant(bugs{completionOrder: true})},
	{Name: "goroutine-per-item", Bug: "workers is ignored: one goroutine per element, as `for _, x := range in { go f(x) }`, so a large input runs everything at once, and Stream reads and starts all it can", Impl: mutant(bugs{goroutinePerItem: true})},
	{Name: "eager-input", Bug: "Stream collects its whole input (slices.Collect) before the first call, so it never yields on an endless input and holds the whole input in memory", Impl: mutant(bugs{eagerInput: true})},
	{Name: "error-does-not-cancel", Bug: "the first error is recorded, but the calls running are not cancelled and the others still start, so Map waits for all of them (conc/iter's MapErr does this by design)", Impl: mutant(bugs{noCancelOnError: true})},
	{Name: "cancelled-sibling-error-wins", Bug: "every error replaces the last, so Map returns the context.Canceled of a call that its own cancellation stopped, instead of the error that caused it", Impl: mutant(bugs{lastErrorWins: true})},
	{Name: "break-leaks-workers", Bug: "breaking out of a Stream loop cancels the calls running but does not wait for them: they outlive the loop", Impl: mutant(bugs{breakLeaks: true})},
	{Name: "panic-escapes", Bug: "a panic in fn is not recovered in the goroutine that called it and kills the process (what errgroup does on purpose)", Impl: mutant(bugs{panicEscapes: true})},
	{Name: "ctx-ignored", Bug: "the calls get a ctx detached from the caller's (context.WithoutCancel), so cancelling ctx stops nothing", Impl: mutant(bugs{ctxIgnored: true})},
}

// bugs switches on known bugs in the plain executor.
type bugs struct {
	completionOrder, goroutinePerItem, eagerInput, noCancelOnError bool
	lastErrorWins, breakLeaks, panicEscapes, ctxIgnored            bool
}

func mutant(b bugs) Impl { return Impl{Map: b.Map, Stream: b.Stream} }

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
	out := make([]int, len(in))
	var mu sync.Mutex // protects done, for completionOrder
	done := 0
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range min(b.workers(workers), len(in)) {
		wg.Go(func() {
			calling := false // still true if fn ended the goroutine with runtime.Goexit
			defer func() {
				if calling {
					f.fail(goexitError())
				}
			}()
			for i := range jobs {
				calling = true
				v, err := b.call(f.ctx, fn, in[i])
				calling = false
				if err != nil {
					f.fail(err)
					continue
				}
				if b.completionOrder {
					mu.Lock()
					i = done
					done++
					mu.Unlock()
				}
				out[i] = v
			}
		})
	}
feed:
	for i := range in {
		if f.ctx.Err() != nil {
			break
		}
		select {
		case jobs <- i:
		case <-f.ctx.Done():
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	if err := f.err(); err != nil {
		return nil, err
	}
	if err := f.ctx.Err(); err != nil {
		return nil, err // ctx is done, and the feed stopped early
	}
	return out, nil
}

// Stream keeps one buffered channel per element in flight, in input order,
// and at most workers of them.
func (b bugs) Stream(ctx context.Context, workers int, in iter.Seq[int], fn Func) iter.Seq2[int, error] {
	if fn == nil {
		panic("executor: Stream called with a nil function")
	}
	w := b.workers(workers)
	return func(yield func(int, error) bool) {
		f := b.newFailure(ctx)
		var wg sync.WaitGroup
		defer func() {
			f.cancel()
			if !b.breakLeaks {
				wg.Wait()
			}
		}()
		src := in
		if b.eagerInput {
			src = slices.Values(slices.Collect(in))
		}
		next, stop := iter.Pull(src)
		defer stop()
		var shared chan pair // every call's channel, for completionOrder
		if b.completionOrder {
			shared = make(chan pair, w)
		}
		var queue []chan pair // one per element in flight, in input order
		ended := false
		more := func() bool {
			if ended {
				return false
			}
			if err := ctx.Err(); err != nil {
				f.fail(err)
				return false
			}
			if f.err() != nil {
				return false
			}
			x, ok := next()
			if !ok {
				ended = true
				return false
			}
			ch := shared
			if ch == nil {
				ch = make(chan pair, 1)
			}
			queue = append(queue, ch)
			wg.Go(func() {
				sent := false
				defer func() {
					if !sent { // fn ended the goroutine with runtime.Goexit
						err := goexitError()
						f.fail(err)
						ch <- pair{0, err}
					}
				}()
				v, err := b.call(f.ctx, fn, x)
				if err != nil {
					f.fail(err)
				}
				ch <- pair{v, err}
				sent = true
			})
			return true
		}
		for {
			for len(queue) < w && more() {
			}
			if len(queue) == 0 {
				break
			}
			p := <-queue[0]
			queue = queue[1:]
			if p.err != nil {
				yield(0, f.err())
				return
			}
			if !yield(p.v, nil) {
				return
			}
		}
		if err := f.err(); err != nil {
			yield(0, err)
		}
	}
}
