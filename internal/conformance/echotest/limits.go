package echotest

// The limits, in synctest bubbles: MaxConns as a rapid state machine of
// clients that dial, talk and close, and the idle timeout on the bubble's
// clock.

import (
	"fmt"
	"net"
	"slices"
	"testing"
	"testing/synctest"
	"time"

	"github.com/conckata/conckata/internal/rapidwait"
	"pgregory.net/rapid"
)

// connsMachine is the model of a server's connections: the clients it has
// accepted, and those that wait for Accept. With MaxConns m above 0, a new
// client is accepted while fewer than m are open, and waits otherwise; when
// an open one closes, one that waits is accepted. With m 0 every client is
// accepted at once.
type connsMachine struct {
	max      int
	f        *fakeServer
	open     []net.Conn // clients accepted, not closed by the test
	waiting  []*dialing // clients whose Dial has not returned
	accepted int        // every client accepted so far
}

func (m *connsMachine) String() string {
	return fmt.Sprintf("MaxConns %d: %d clients open, %d waiting", m.max, len(m.open), len(m.waiting))
}

// dial starts a client, accepted at once or waiting, as the model says.
func (m *connsMachine) dial(t *rapid.T) {
	m.waiting = append(m.waiting, m.f.startDial())
	m.settle(t)
}

// close closes a random open client, which frees its slot.
func (m *connsMachine) close(t *rapid.T) {
	if len(m.open) == 0 {
		t.Skip("no client is open")
	}
	i := rapid.IntRange(0, len(m.open)-1).Draw(t, "client to close")
	m.open[i].Close()
	m.open = slices.Delete(m.open, i, i+1)
	synctest.Wait()
	m.settle(t)
}

// echo checks that a random open client is served.
func (m *connsMachine) echo(t *rapid.T) {
	if len(m.open) == 0 {
		t.Skip("no client is open")
	}
	i := rapid.IntRange(0, len(m.open)-1).Draw(t, "client to talk on")
	roundTrip(t, m.open[i], fmt.Sprintf("%v, client %d", m, i), "ping")
}

// settle moves the clients whose Dial has returned from waiting to open,
// and fails t if a Dial failed or more were accepted than the model allows.
func (m *connsMachine) settle(t *rapid.T) {
	for _, d := range slices.Clone(m.waiting) {
		if !d.returned() {
			continue
		}
		if d.err != nil {
			t.Fatalf("%v: a Dial returned %v, want a connection", m, d.err)
		}
		m.waiting = slices.DeleteFunc(m.waiting, func(w *dialing) bool { return w == d })
		m.open = append(m.open, d.conn)
		m.accepted++
	}
}

// check is the invariant after every step.
func (m *connsMachine) check(t *rapid.T) {
	open, most := m.f.ln.counts()
	switch {
	case m.max > 0 && most > m.max:
		t.Fatalf("%v: %d connections were accepted and open at once, want at most %d: over MaxConns a new client must wait in Accept", m, most, m.max)
	case m.max > 0 && len(m.waiting) > 0 && len(m.open) < m.max:
		t.Fatalf("%v: a client waits for Accept while only %d of MaxConns %d are open: a closed connection's slot must go to a waiting client", m, len(m.open), m.max)
	case m.max == 0 && len(m.waiting) > 0:
		t.Fatalf("%v: a client waits for Accept, want every client accepted at once with MaxConns 0 (no limit)", m)
	case open != len(m.open):
		t.Fatalf("%v: the server has %d connections open, want the %d its clients keep open: it closed one that was in use, or kept one whose client closed", m, open, len(m.open))
	}
}

func maxConnsNeverExceeded(t *testing.T, impl Impl) {
	rapidwait.Machine(t, func(rt *rapid.T) {
		m := &connsMachine{max: rapid.IntRange(0, 3).Draw(rt, "MaxConns")}
		m.f = startFake(impl, Settings{MaxConns: m.max})
		defer m.f.end()
		rt.Repeat(map[string]func(*rapid.T){
			"dial":  m.dial,
			"close": m.close,
			"echo":  m.echo,
			"":      m.check,
		})
	})
}

func idleConnectionsClosed(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		const idle = 10 * time.Second
		f := startFake(impl, Settings{IdleTimeout: idle})
		defer f.end()
		c := f.dial(t, "a client")
		start := time.Now()
		roundTrip(t, c, "a client", "hello")
		time.Sleep(idle / 2)
		roundTrip(t, c, "a client, 5s later,", "again")
		r := startRead(c)
		time.Sleep(idle - time.Nanosecond)
		synctest.Wait()
		if r.closed(t, "the client") {
			t.Fatalf("IdleTimeout %v: a client that last sent at 5s was disconnected at %v, want it served until %v", idle, r.since(start), idle/2+idle)
		}
		time.Sleep(idle/10 + time.Nanosecond)
		synctest.Wait()
		if !r.closed(t, "the client") {
			t.Fatalf("IdleTimeout %v: a client silent since 5s is still connected at 16s, want it disconnected at 15s", idle)
		}

		forever := startFake(impl, Settings{})
		defer forever.end()
		c = forever.dial(t, "a client of a server with IdleTimeout 0")
		time.Sleep(1000 * time.Hour)
		roundTrip(t, c, "with IdleTimeout 0, a client silent for 1000h", "still here")
	})
}
