// Package echotest is the conformance suite of the echo kata: the properties
// of docs/katas/echo.md, run against any implementation of its API (the
// learner's kata, the reference, the peer and the mutants).
//
// What time does not matter for (the bytes echoed, half-close, short writes)
// is checked over real loopback TCP, on 127.0.0.1 only, with every wait
// bounded by a deadline; like any concurrency test these may miss a bug on a
// given run: run them under -race. The race detector alone may miss a buffer
// shared between connections, since it takes every read and write system
// call for a point of synchronisation: connections-kept-apart catches that
// on every run, on in-memory pipes, which hand the reader the writer's own
// slice. What time and order matter for (MaxConns, the idle timeout, the
// shutdown and its grace period) runs on in-memory connections
// (internal/netfake) inside testing/synctest bubbles, where it is exact and
// instant; those cannot see what only a kernel's sockets do (a backlog, a
// reset), which the loopback properties and the command's see.
//
// The command's properties build the implementation's command with the go
// command of this toolchain, start it on a free loopback port, and send it
// real signals. An Impl without a command (the peer, the mutants and their
// base) skips them: for the peer the skip is listed with its reason, for the
// mutants the property passes, as it checks nothing of theirs.
package echotest

import (
	"context"
	"net"
	"testing"
	"time"

	"github.com/conckata/conckata/internal/harness"
)

// Server is the API under test: the kata's *Server.
type Server interface {
	Serve(ctx context.Context, ln net.Listener) error
}

// Settings are the fields of the kata's Server.
type Settings struct {
	MaxConns    int
	IdleTimeout time.Duration
	Grace       time.Duration
}

// Impl is an implementation of the echo kata.
type Impl struct {
	New func(s Settings) Server // a Server with these settings
	// Command is the directory of the implementation's command (package
	// main), relative to the test's working directory, the package's own:
	// "./cmd/echo". Empty for an implementation without one, which skips
	// the command's properties.
	Command string
}

// Suite holds the properties, in the order the doc page explains them.
var Suite = &harness.Suite[Impl]{
	Kata: "echo",
	// The command's properties wait, still, for the go command to build the
	// command (a second or two when the build cache is warm, several on a
	// loaded machine), and the loopback ones for deadlines of up to
	// storm.Timeout, which must end them before the hang limit does.
	HangLimit: 10 * time.Second,
	Properties: []harness.Property[Impl]{
		{Name: "echoes-every-byte-in-order", Expect: "every byte each client sends comes back to it in order, over many connections at once, for any payload", Check: echoesEveryByteInOrder},
		{Name: "connections-kept-apart", Expect: "each client gets back its own bytes and no other's, even when several have sent before any reads its echo", Check: connectionsKeptApart},
		{Name: "half-close-honoured", Expect: "a client that half-closes (CloseWrite) gets back everything it sent, then EOF: the server echoes the rest and closes its side", Check: halfCloseHonoured},
		{Name: "short-writes-completed", Expect: "every byte is echoed even through a connection whose Write takes at most 3 bytes a call and reports no error for the rest, as send(2) may", Check: shortWritesCompleted},
		{Name: "max-conns-never-exceeded", Expect: "never more than MaxConns connections are accepted and open at once; over it a new client waits in Accept, and is accepted as soon as a connection closes", Check: maxConnsNeverExceeded},
		{Name: "idle-connections-closed", Expect: "a connection on which nothing arrives for IdleTimeout is closed then, not before; every byte received restarts that time, and IdleTimeout 0 never closes one", Check: idleConnectionsClosed},
		{Name: "shutdown-closes-listener", Expect: "once ctx is done the listener is closed, so no new connection is accepted, and Serve returns nil as soon as the open connections end", Check: shutdownClosesListener},
		{Name: "shutdown-drains-connections", Expect: "after ctx is done the open connections are still echoed, bytes already received included, and Serve returns only once every one of them has ended", Check: shutdownDrainsConnections},
		{Name: "shutdown-within-grace", Expect: "connections still open Grace after ctx is done are closed then, not before, and Serve returns then, leaving no goroutine", Check: shutdownWithinGrace},
		{Name: "accept-error-returned", Expect: "when Accept fails, Serve lets the open connections finish and returns an error wrapping Accept's", Check: acceptErrorReturned},
		{Name: "bad-settings-panic", Expect: "Serve panics with an \"echo: ...\" message naming the problem for a nil listener or a negative MaxConns, IdleTimeout or Grace", Check: badSettingsPanic},
		{Name: "command-drains-on-sigint", Expect: "the command, sent SIGINT while a connection is mid-message, prints \"shutting down\", echoes the rest of that message, and exits with status 0 once the client closes", Check: commandDrainsOnSigint},
		{Name: "command-second-signal-stops", Expect: "a second SIGINT during the command's grace period ends it at once, closing its connections, and not with status 0", Check: commandSecondSignalStops},
	},
}

// Run checks every property of the echo kata against impl.
func Run(t *testing.T, impl Impl) {
	t.Helper()
	Suite.Run(t, impl)
}
