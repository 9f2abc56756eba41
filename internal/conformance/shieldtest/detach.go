package shieldtest

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"testing/synctest"
	"time"
)

// key is the type of the keys the test puts in contexts.
type key string

// opaque is a Context with no String method, as a user may write one.
type opaque struct{ parent context.Context }

func (o opaque) Deadline() (time.Time, bool) { return o.parent.Deadline() }
func (o opaque) Done() <-chan struct{}       { return o.parent.Done() }
func (o opaque) Err() error                  { return o.parent.Err() }
func (o opaque) Value(k any) any             { return o.parent.Value(k) }

// parents returns contexts to detach, all ended by the returned stop (or by
// their deadline, 1s from now), and the name of each.
func parents() (ctxs map[string]context.Context, stop func()) {
	values := context.WithValue(context.WithValue(context.Background(), key("a"), "A"), key("b"), "B")
	cancelled, cancel := context.WithCancel(values)
	timed, cancelTimed := context.WithTimeout(context.WithValue(cancelled, key("a"), "A2"), time.Second)
	cause, cancelCause := context.WithCancelCause(values)
	return map[string]context.Context{
			"context.Background()":                      context.Background(),
			"a ctx with values":                         values,
			"a cancellable ctx":                         cancelled,
			"a ctx with a 1s timeout":                   timed,
			"a ctx cancelled with a cause":              cause,
			"a Context type of its own, with no String": opaque{timed},
		}, func() {
			cancel()
			cancelTimed()
			cancelCause(errBoom)
		}
}

func detachDropsCancellation(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		ctxs, stop := parents()
		defer stop()
		detached := map[string]context.Context{}
		for name, ctx := range ctxs {
			detached[name] = impl.Detach(ctx)
		}
		check := func(when string) {
			t.Helper()
			for name, d := range detached {
				if deadline, ok := d.Deadline(); ok {
					t.Errorf("%s: Detach(%s).Deadline() = (%v, true), want (time.Time{}, false) as context.WithoutCancel's: a deadline is a cancellation", when, name, deadline)
				}
				if d.Done() != nil {
					t.Errorf("%s: Detach(%s).Done() is not nil, want nil as context.WithoutCancel's: a nil Done tells context.WithCancel that there is nothing to watch, where a channel never closed costs a goroutine per child", when, name)
				}
				if err := d.Err(); err != nil {
					t.Errorf("%s: Detach(%s).Err() = %v, want nil", when, name, err)
				}
				if err := context.Cause(d); err != nil {
					t.Errorf("%s: context.Cause(Detach(%s)) = %v, want nil", when, name, err)
				}
			}
		}
		check("before the parent ends")
		stop()
		time.Sleep(2 * time.Second) // past the 1s timeout, on the bubble's clock
		check("after the parent was cancelled and its deadline passed")

		// A child of a detached ctx has its own cancellation, and only that.
		child, cancel := context.WithTimeout(detached["a ctx with a 1s timeout"], time.Second)
		defer cancel()
		if deadline, ok := child.Deadline(); !ok || !deadline.Equal(time.Now().Add(time.Second)) {
			t.Errorf("context.WithTimeout(Detach(an expired ctx), 1s).Deadline() = (%v, %v), want (now+1s, true): the child's own deadline", deadline, ok)
		}
		if child.Err() != nil {
			t.Errorf("context.WithTimeout(Detach(an expired ctx), 1s).Err() = %v at once, want nil: the parent's expiry is not inherited", child.Err())
		}
		time.Sleep(time.Second)
		synctest.Wait() // the timer's function has run
		if child.Err() != context.DeadlineExceeded {
			t.Errorf("context.WithTimeout(Detach(ctx), 1s).Err() = %v after 1s, want context.DeadlineExceeded", child.Err())
		}
	})
}

func detachKeepsValues(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) { checkValues(t, impl) })
}

func checkValues(t *testing.T, impl Impl) {
	ctxs, stop := parents()
	defer stop()
	for _, when := range []string{"before the parent ends", "after the parent was cancelled"} {
		for name, ctx := range ctxs {
			d, model := impl.Detach(ctx), context.WithoutCancel(ctx)
			for _, k := range []any{key("a"), key("b"), key("missing"), "a"} {
				if got, want := d.Value(k), model.Value(k); got != want {
					t.Errorf("%s: Detach(%s).Value(%#v) = %v, want %v, as context.WithoutCancel's", when, name, k, got, want)
				}
			}
			if got := impl.Detach(d).Value(key("b")); got != model.Value(key("b")) {
				t.Errorf("%s: Detach(Detach(%s)).Value(key(\"b\")) = %v, want %v", when, name, got, model.Value(key("b")))
			}
		}
		stop()
	}
}

func detachStringNamesParent(t *testing.T, impl Impl) {
	// In a bubble, so that time stands still: a WithDeadline ctx prints the
	// time left.
	synctest.Test(t, func(t *testing.T) { checkString(t, impl) })
}

func checkString(t *testing.T, impl Impl) {
	ctxs, stop := parents()
	defer stop()
	for name, ctx := range ctxs {
		parent := strings.TrimSuffix(fmt.Sprint(context.WithoutCancel(ctx)), ".WithoutCancel")
		s, ok := impl.Detach(ctx).(fmt.Stringer)
		if !ok {
			t.Errorf("Detach(%s) has no String method, want one that names its parent, %q, as context.WithoutCancel's does", name, parent)
			continue
		}
		if got := s.String(); !strings.HasPrefix(got, parent) || got == parent {
			t.Errorf("Detach(%s).String() = %q, want %q followed by a suffix that says it is detached, as context.WithoutCancel's %q: a detached ctx that prints as its parent misleads whoever debugs a cancellation", name, got, parent, parent+".WithoutCancel")
		}
	}
}
