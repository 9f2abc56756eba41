package echotest

// A caller's bugs: settings that mean nothing, and no listener.

import (
	"context"
	"fmt"
	"net"
	"strings"
	"testing"
	"testing/synctest"
	"time"
)

func badSettingsPanic(t *testing.T, impl Impl) {
	cases := []struct {
		what  string
		s     Settings
		nilLn bool
		names string // a word the panic's message must have
	}{
		{"MaxConns -1", Settings{MaxConns: -1}, false, "MaxConns"},
		{"IdleTimeout -1s", Settings{IdleTimeout: -time.Second}, false, "IdleTimeout"},
		{"Grace -1s", Settings{Grace: -time.Second}, false, "Grace"},
		{"a nil listener", Settings{}, true, "listener"},
	}
	synctest.Test(t, func(t *testing.T) {
		for _, c := range cases {
			ln := watch()
			var l net.Listener = ln
			if c.nilLn {
				l = nil
			}
			// A ctx already done, so that a Serve that does not panic
			// returns at once.
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			v, panicked := servePanic(impl.New(c.s), ctx, l)
			ln.Listener.Close()
			synctest.Wait()
			msg := fmt.Sprint(v)
			switch {
			case !panicked:
				t.Errorf("Serve with %s returned %v, want a panic with an \"echo: ...\" message naming %s: it is the caller's bug", c.what, v, c.names)
			case !strings.HasPrefix(msg, "echo: ") || !strings.Contains(msg, c.names):
				t.Errorf("Serve with %s panicked with %q, want an \"echo: ...\" message naming %s", c.what, msg, c.names)
			}
		}
	})
}

// servePanic runs Serve in a goroutine of its own, and returns what it
// panicked with, or, if it did not panic, what it returned. A Serve that
// neither panics nor returns once the bubble is idle fails as not panicking.
func servePanic(srv Server, ctx context.Context, ln net.Listener) (v any, panicked bool) {
	type outcome struct {
		v        any
		panicked bool
	}
	done := make(chan outcome, 1)
	go func() {
		returned := false
		defer func() {
			if !returned {
				done <- outcome{recover(), true}
			}
		}()
		err := srv.Serve(ctx, ln)
		returned = true
		done <- outcome{err, false}
	}()
	synctest.Wait()
	select {
	case o := <-done:
		return o.v, o.panicked
	default:
		return "nothing yet: Serve still runs, with a ctx already done", false
	}
}
