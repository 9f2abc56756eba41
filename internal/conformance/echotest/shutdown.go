package echotest

// The shutdown, in synctest bubbles: what a done ctx closes at once, what it
// lets finish, and for how long.

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"testing/synctest"
	"time"

	"github.com/conckata/conckata/internal/bubble"
	"github.com/conckata/conckata/internal/netfake"
)

// grace is the grace period of the shutdown properties.
const grace = 10 * time.Second

func shutdownClosesListener(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		f := startFake(impl, Settings{Grace: grace})
		defer f.end()
		c := f.dial(t, "a client")
		roundTrip(t, c, "a client", "hello")
		f.serve.Cancel()
		synctest.Wait()
		if !f.ln.isClosed() {
			t.Errorf("once ctx was done, the listener was not closed: Serve must close it then, so that a goroutine blocked in Accept returns and no new client is accepted")
		}
		switch late := f.startDial(); {
		case !late.returned():
			t.Errorf("a client that dialled after ctx was done still waits, want it refused at once: the listener must be closed")
		case late.err == nil:
			t.Errorf("a client that dialled after ctx was done was accepted, want it refused: the listener must be closed")
		}
		c.Close()
		synctest.Wait()
		if !f.serve.Returned() || f.serve.Err() != nil {
			t.Fatalf("ctx done and the only client gone: %s, want Serve returned nil at once", f.serve.Result())
		}

		// A ctx done before Serve: nothing is accepted.
		ln := watch()
		done, cancel := context.WithCancel(context.Background())
		cancel()
		srv := impl.New(Settings{Grace: grace})
		serve := bubble.StartWith(done, "Serve", func(ctx context.Context) error { return srv.Serve(ctx, ln) })
		defer ln.Listener.Close()
		if !serve.Returned() || serve.Err() != nil || !ln.isClosed() {
			t.Errorf("Serve with a ctx already done: %s and the listener closed: %v, want nil at once and the listener closed", serve.Result(), ln.isClosed())
		}
	})
}

func shutdownDrainsConnections(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		f := startFake(impl, Settings{Grace: grace})
		defer f.end()
		a, b := f.dial(t, "client A"), f.dial(t, "client B")
		roundTrip(t, a, "client A", "hello")
		roundTrip(t, b, "client B", "hello")
		// A sends half a message without reading: the server has it, and
		// waits to write its echo back.
		sent := make(chan error, 1)
		go func() {
			_, err := a.Write([]byte("the first half, "))
			sent <- err
		}()
		synctest.Wait()
		start := time.Now()
		f.serve.Cancel()
		synctest.Wait()
		if f.serve.Returned() {
			t.Fatalf("ctx done with 2 clients connected and Grace %v: %s at once, want Serve to return only once every connection has ended", grace, f.serve.Result())
		}
		if err := <-sent; err != nil {
			t.Fatalf("client A wrote half a message before ctx was done: %v", err)
		}
		receive(t, a, "client A, reading after ctx was done the echo of what it sent before,", "the first half, ", nil)
		time.Sleep(grace / 2)
		roundTrip(t, a, "client A, 5s after ctx was done,", "and the second half")
		a.Close()
		synctest.Wait()
		if f.serve.Returned() {
			t.Fatalf("ctx done, client A gone, client B still connected: %s, want Serve to wait for B", f.serve.Result())
		}
		roundTrip(t, b, "client B, 5s after ctx was done,", "still served")
		b.Close()
		synctest.Wait()
		if !f.serve.Returned() || f.serve.Err() != nil {
			t.Fatalf("every client gone %v after ctx was done: %s, want Serve returned nil then, not at the end of Grace (%v)", time.Since(start), f.serve.Result(), grace)
		}
	})
}

func shutdownWithinGrace(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		withinGrace(t, impl, grace)
		withinGrace(t, impl, 0)
	})
}

// withinGrace checks that a connection open when ctx is done is served for
// g, then closed, and that Serve returns then.
func withinGrace(t *testing.T, impl Impl, g time.Duration) {
	f := startFake(impl, Settings{Grace: g})
	defer f.end()
	c := f.dial(t, "a client")
	roundTrip(t, c, "a client", "hello")
	r := startRead(c)
	start := time.Now()
	f.serve.Cancel()
	synctest.Wait()
	// state says what became of the connection and of Serve by now.
	state := func() string {
		conn := "still open"
		if r.closed(t, "the client") {
			conn = "closed"
		}
		return fmt.Sprintf("%v after ctx was done, the connection is %s and %s", time.Since(start), conn, f.serve.Result())
	}
	if g > 0 {
		time.Sleep(g - g/10)
		synctest.Wait()
		if r.closed(t, "the client") || f.serve.Returned() {
			t.Fatalf("Grace %v: %s, want the connection served, and Serve waiting, until %v", g, state(), g)
		}
		time.Sleep(g / 5)
		synctest.Wait()
	}
	if !r.closed(t, "the client") || !f.serve.Returned() {
		t.Fatalf("Grace %v: %s, want the connection closed and Serve returned at %v: the connection's goroutine must learn of the end of Grace", g, state(), g)
	}
	if f.serve.Err() != nil {
		t.Errorf("Grace %v: %s, want nil after a shutdown by ctx", g, f.serve.Result())
	}
}

func acceptErrorReturned(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		f := startFake(impl, Settings{Grace: grace})
		defer f.end()
		c := f.dial(t, "a client")
		roundTrip(t, c, "a client", "hello")
		f.ln.Listener.Close() // Accept fails with netfake.ErrClosed
		synctest.Wait()
		if f.serve.Returned() {
			t.Fatalf("Accept failed while a client was connected: %s at once, want Serve to let the connection finish first", f.serve.Result())
		}
		roundTrip(t, c, "the client, after Accept failed,", "still served")
		c.Close()
		synctest.Wait()
		if !f.serve.Returned() || !errors.Is(f.serve.Err(), netfake.ErrClosed) {
			t.Fatalf("Accept failed with %q and the only client has gone: %s, want an error wrapping Accept's", netfake.ErrClosed, f.serve.Result())
		}
	})
}
