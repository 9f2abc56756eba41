package echotest

import (
	"context"
	"fmt"
	"net"
	"sync"
	"time"
)

// bugs switches on known bugs in plain.
type bugs struct {
	returnEarly, listenerLeftOpen, blindHandler, singleWrite, sharedBuffer, noConnLimit bool
}

func mutant(b bugs) Impl {
	return Impl{New: func(s Settings) Server { return &plain{Settings: s, bugs: b} }}
}

// plain is the simplest correct echo server, into which the bugs are
// switched: a goroutine that closes the listener when ctx is done, a
// channel of MaxConns tokens taken before each Accept, a goroutine per
// connection that reads into its buffer and writes it all back, and a list
// of the open connections, which the end of Grace closes.
type plain struct {
	Settings
	bugs
}

func (p *plain) Serve(ctx context.Context, ln net.Listener) error {
	p.check(ln)
	accepting := make(chan struct{})
	if !p.listenerLeftOpen {
		go func() {
			select {
			case <-ctx.Done():
				ln.Close()
			case <-accepting:
			}
		}()
	}
	var conns connList
	var wg sync.WaitGroup
	err := p.accept(ctx, ln, &conns, &wg)
	close(accepting)
	ln.Close()
	if p.returnEarly {
		go p.wait(&wg, &conns)
		return err
	}
	p.wait(&wg, &conns)
	return err
}

// accept accepts connections until ctx is done or Accept fails, and starts
// a goroutine for each, counted in wg and listed in conns. It returns
// Accept's error, if ctx was not done.
func (p *plain) accept(ctx context.Context, ln net.Listener, conns *connList, wg *sync.WaitGroup) error {
	var tokens chan struct{} // one per open connection; nil: no limit
	if p.MaxConns > 0 && !p.noConnLimit {
		tokens = make(chan struct{}, p.MaxConns)
	}
	shared := make([]byte, 4096) // the one buffer of sharedBuffer
	for {
		if tokens != nil {
			select {
			case tokens <- struct{}{}:
			case <-ctx.Done():
			}
		}
		if ctx.Err() != nil {
			return nil
		}
		c, err := ln.Accept()
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			return err
		}
		if p.listenerLeftOpen && ctx.Err() != nil {
			c.Close() // the first client after ctx was done
			return nil
		}
		conns.add(c)
		wg.Go(func() {
			defer func() {
				conns.remove(c)
				if tokens != nil {
					<-tokens
				}
			}()
			buf := shared
			if !p.sharedBuffer {
				buf = make([]byte, 4096)
			}
			p.echo(c, buf)
		})
	}
}

func (p *plain) check(ln net.Listener) {
	if ln == nil {
		panic("echo: Serve needs a listener, got nil")
	}
	for what, bad := range map[string]bool{"MaxConns": p.MaxConns < 0, "IdleTimeout": p.IdleTimeout < 0, "Grace": p.Grace < 0} {
		if bad {
			panic(fmt.Sprintf("echo: %s must not be negative", what))
		}
	}
}

// echo writes back what it reads from c until a Read fails, then closes c.
func (p *plain) echo(c net.Conn, buf []byte) {
	defer c.Close()
	for {
		if p.IdleTimeout > 0 {
			c.SetReadDeadline(time.Now().Add(p.IdleTimeout))
		}
		n, err := c.Read(buf)
		if p.singleWrite {
			c.Write(buf[:n])
		} else {
			for off := 0; off < n; {
				w, werr := c.Write(buf[off:n])
				if werr != nil || w == 0 {
					return
				}
				off += w
			}
		}
		if err != nil {
			return
		}
	}
}

// wait waits for the connections' goroutines: for Grace, then, unless the
// handlers are blind to the shutdown, it closes the connections left.
func (p *plain) wait(wg *sync.WaitGroup, conns *connList) {
	done := make(chan struct{})
	go func() {
		wg.Wait()
		close(done)
	}()
	select {
	case <-done:
		return
	case <-time.After(p.Grace):
	}
	if !p.blindHandler {
		conns.closeAll()
	}
	<-done
}

// connList is the list of open connections.
type connList struct {
	mu    sync.Mutex // protects conns
	conns []net.Conn
}

func (l *connList) add(c net.Conn) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.conns = append(l.conns, c)
}

func (l *connList) remove(c net.Conn) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for i, x := range l.conns {
		if x == c {
			l.conns = append(l.conns[:i], l.conns[i+1:]...)
			return
		}
	}
}

func (l *connList) closeAll() {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, c := range l.conns {
		c.Close()
	}
}
