package gathertest

import (
	"context"
	"fmt"
	"runtime/debug"
	"sync"

	"github.com/conckata/conckata/solutions/task"
)

// bugs switches on known bugs in plain.
type bugs struct {
	completionOrder, lastError, noCancel, returnEarly bool
}

func mutant(b bugs) Impl {
	return Impl{
		Gather:    func(ctx context.Context, fns ...Func) ([]int, error) { return b.gather(ctx, fns) },
		GatherAll: func(ctx context.Context, fns ...Func) []Result { return b.gatherAll(ctx, fns) },
	}
}

// gather is the simplest correct Gather, one mutex over everything, into
// which the bugs are switched.
func (b bugs) gather(ctx context.Context, fns []Func) ([]int, error) {
	mustNotBeNil(fns)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		mu     sync.Mutex // protects the fields below
		values = make([]int, len(fns))
		order  = []int{} // values in completion order, for completionOrder
		first  error
	)
	failed := make(chan struct{}) // closed at the first error, for returnEarly
	wg := goAll(ctx, fns, &mu, func(i, v int, err error) {
		switch {
		case err == nil && b.completionOrder:
			order = append(order, v)
		case err == nil:
			values[i] = v
		case first == nil:
			first = err
			close(failed)
			if !b.noCancel {
				cancel()
			}
		case b.lastError:
			first = err
		}
	})
	b.wait(wg, failed)
	mu.Lock()
	defer mu.Unlock()
	if first != nil {
		return nil, first
	}
	if b.completionOrder {
		return order, nil
	}
	return values, nil
}

// wait waits for every function, or with returnEarly only until one fails.
func (b bugs) wait(wg *sync.WaitGroup, failed chan struct{}) {
	if !b.returnEarly {
		wg.Wait()
		return
	}
	all := make(chan struct{})
	go func() {
		wg.Wait()
		close(all)
	}()
	select {
	case <-all:
	case <-failed:
	}
}

func (b bugs) gatherAll(ctx context.Context, fns []Func) []Result {
	mustNotBeNil(fns)
	var mu sync.Mutex // protects results
	results := make([]Result, len(fns))
	var order []Result
	goAll(ctx, fns, &mu, func(i, v int, err error) {
		if b.completionOrder {
			order = append(order, Result{v, err})
		} else {
			results[i] = Result{v, err}
		}
	}).Wait()
	if b.completionOrder && order != nil {
		return order
	}
	return results
}

// goAll calls each function in a goroutine of its own and hands its index
// and outcome to record, under mu.
func goAll(ctx context.Context, fns []Func, mu *sync.Mutex, record func(i, v int, err error)) *sync.WaitGroup {
	var wg sync.WaitGroup
	for i, fn := range fns {
		wg.Go(func() {
			protect(ctx, fn, func(v int, err error) {
				mu.Lock()
				defer mu.Unlock()
				record(i, v, err)
			})
		})
	}
	return &wg
}

func mustNotBeNil(fns []Func) {
	for i, fn := range fns {
		if fn == nil {
			panic(fmt.Sprintf("gather: nil function (argument %d)", i))
		}
	}
}

// protect calls fn and hands its outcome to done from a deferred call, so
// that a panic, or a runtime.Goexit that no recover stops, is handed on too,
// as a *task.PanicError.
func protect(ctx context.Context, fn Func, done func(int, error)) {
	var v int
	var err error
	returned := false
	defer func() {
		if !returned {
			r := recover()
			if r == nil {
				r = "runtime.Goexit"
			}
			v, err = 0, &task.PanicError{Value: r, Stack: debug.Stack()}
		}
		done(v, err)
	}()
	v, err = fn(ctx)
	returned = true
}
