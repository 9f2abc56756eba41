package breakertest

// The calls of a breaker one at a time: what fn does when Do calls it, what
// became of a Do, and the properties of Do and State on their own.

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/conckata/conckata/internal/bubble"
)

// outcome is what a fn given to Do does when it is called.
type outcome int

const (
	succeed outcome = iota // returns nil
	fail                   // returns errDown: a failure
	cancel                 // returns errAbandoned, which wraps context.Canceled: by default no failure, and no success either
	expire                 // returns errExpired, which wraps context.DeadlineExceeded: a failure by default
	crash                  // panics with crashValue
)

var outcomes = []outcome{succeed, fail, cancel, expire, crash}

var (
	errDown      = errors.New("breakertest: service down")
	errAbandoned = fmt.Errorf("breakertest: call abandoned: %w", context.Canceled)
	errExpired   = fmt.Errorf("breakertest: call too slow: %w", context.DeadlineExceeded)
	// crashValue is what a crashing fn panics with: a pointer, so that the
	// value Do passes on can be told from any other.
	crashValue = &crashed{"breakertest: service crashed"}
)

type crashed struct{ msg string }

func (c *crashed) String() string { return c.msg }

func (o outcome) String() string {
	return [...]string{"succeeds", "fails", "returns context.Canceled", "returns context.DeadlineExceeded", "panics"}[o]
}

// GoString is String, for rapid's log of what it drew.
func (o outcome) GoString() string { return o.String() }

// err is the error fn returns when it does o; nil for a panic.
func (o outcome) err() error {
	return [...]error{nil, errDown, errAbandoned, errExpired, nil}[o]
}

// run does what o says: it returns fn's error, or panics.
func (o outcome) run() error {
	if o == crash {
		panic(crashValue)
	}
	return o.err()
}

// A verdict is what a call's result counts as for the breaker.
type verdict int

const (
	success   verdict = iota
	failure           // by IsFailure, or a panic
	abandoned         // no failure, and wraps context.Canceled: counts for nothing
)

// verdict is what o counts as under the default IsFailure.
func (o outcome) verdict() verdict {
	return [...]verdict{success, failure, abandoned, failure, failure}[o]
}

// result is what became of one Do.
type result struct {
	err      error
	panicked any // what Do panicked with; nil if it returned
	calls    int // how many times Do called fn
}

func (r result) String() string {
	s := fmt.Sprintf("returned %v", r.err)
	if r.panicked != nil {
		s = fmt.Sprintf("panicked with %v", r.panicked)
	}
	switch r.calls {
	case 0:
		return s + " without calling fn"
	case 1:
		return s + " after calling fn"
	}
	return fmt.Sprintf("%s after calling fn %d times", s, r.calls)
}

// passedOn reports whether Do called fn once and passed on what fn did: its
// error unchanged, or its panic.
func (r result) passedOn(o outcome) bool {
	if r.calls != 1 {
		return false
	}
	if o == crash {
		return r.panicked == any(crashValue)
	}
	return r.panicked == nil && r.err == o.err()
}

// wantPassedOn says what passedOn wants, for messages.
func wantPassedOn(o outcome) string {
	if o == crash {
		return "fn called once and its panic passed on to Do's caller"
	}
	return "fn called once and its error returned unchanged"
}

// rejected reports whether Do returned want without calling fn.
func (r result) rejected(want error) bool {
	return r.calls == 0 && r.panicked == nil && errors.Is(r.err, want)
}

// do calls b.Do, with ctx, and a fn that does o.
func do(ctx context.Context, b Breaker, o outcome) (r result) {
	defer func() { r.panicked = recover() }()
	r.err = b.Do(ctx, func(context.Context) error {
		r.calls++
		return o.run()
	})
	return r
}

func doReturnsFnResult(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		b := impl.New(Settings{FailureThreshold: 3})
		type key struct{}
		ctx := context.WithValue(context.Background(), key{}, "Do's ctx")
		var seen []any
		err := b.Do(ctx, func(ctx context.Context) error {
			seen = append(seen, ctx.Value(key{}))
			return nil
		})
		if err != nil || len(seen) != 1 || seen[0] != "Do's ctx" {
			t.Fatalf("Do(ctx, fn returning nil) on a new breaker returned %v after calling fn %d times (fn's ctx carried %v); want nil, fn called once with Do's ctx", err, len(seen), seen)
		}
		p := newProbe(t, impl, Settings{FailureThreshold: 3})
		defer p.end()
		for _, o := range []outcome{fail, succeed, fail, cancel, expire, succeed} {
			p.pass(o)
		}
		p.state(Closed)
	})
}

func stateNames(t *testing.T, impl Impl) {
	for _, s := range []State{Closed, Open, HalfOpen} {
		if got := impl.String(s); got != s.String() {
			t.Errorf("State(%d).String() = %q, want %q", int(s), got, s.String())
		}
	}
}

func doneCtxReturnsAtOnce(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		cancelled, cancel := context.WithCancel(context.Background())
		cancel()
		expired, stop := context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
		defer stop()
		p := newProbe(t, impl, Settings{FailureThreshold: 2, OpenTimeout: 10 * time.Second})
		defer p.end()
		p.doneCtx(cancelled, context.Canceled)
		p.pass(fail)
		p.doneCtx(expired, context.DeadlineExceeded) // no success: the count goes on
		p.state(Closed)                              // no failure either
		p.pass(fail)
		p.state(Open)
		p.doneCtx(cancelled, context.Canceled)
		p.sleep(10 * time.Second)
		p.doneCtx(cancelled, context.Canceled) // takes no trial slot
		p.finish(p.hold(), succeed)
		p.state(Closed)
	})
}

func badSettingsPanic(t *testing.T, impl Impl) {
	for _, s := range []Settings{{FailureThreshold: -1}, {OpenTimeout: -time.Second}, {HalfOpenMax: -1}} {
		v := bubble.Panics(func() { impl.New(s) })
		if !isBreakerPanic(v) {
			t.Errorf("New(%s) %s; want a panic whose message starts \"breaker: \"", describe(s), panicked(v))
		}
	}
	b := impl.New(Settings{})
	v := bubble.Panics(func() { _ = b.Do(context.Background(), nil) })
	if !isBreakerPanic(v) {
		t.Errorf("Do(ctx, nil) %s; want a panic whose message starts \"breaker: \"", panicked(v))
	}
}

func isBreakerPanic(v any) bool { return v != nil && strings.HasPrefix(fmt.Sprint(v), "breaker: ") }

func panicked(v any) string {
	if v == nil {
		return "did not panic"
	}
	return fmt.Sprintf("panicked with %q", fmt.Sprint(v))
}

// describe writes s as a property's message shows it: only the fields set.
func describe(s Settings) string {
	var f []string
	if s.FailureThreshold != 0 {
		f = append(f, fmt.Sprintf("FailureThreshold: %d", s.FailureThreshold))
	}
	if s.OpenTimeout != 0 {
		f = append(f, fmt.Sprintf("OpenTimeout: %v", s.OpenTimeout))
	}
	if s.HalfOpenMax != 0 {
		f = append(f, fmt.Sprintf("HalfOpenMax: %d", s.HalfOpenMax))
	}
	if s.IsFailure != nil {
		f = append(f, "IsFailure: ...")
	}
	return "Settings{" + strings.Join(f, ", ") + "}"
}
