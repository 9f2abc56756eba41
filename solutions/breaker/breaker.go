// Package breaker provides a circuit breaker: a guard around calls to a
// service that stops calling it while it fails, and tries it again, carefully,
// after a while. It is the Go form of the circuit-breaker pattern of the
// seed's microservices chapter, with the semantics of sony/gobreaker.
package breaker

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"
)

// State is the state of a Breaker.
type State int

const (
	// Closed: calls go through; consecutive failures are counted.
	Closed State = iota
	// Open: calls are rejected with ErrOpen without being made.
	Open
	// HalfOpen: a few trial calls go through; their results decide whether
	// the breaker closes again or re-opens.
	HalfOpen
)

// String returns "closed", "open" or "half-open".
func (s State) String() string {
	switch s {
	case Closed:
		return "closed"
	case Open:
		return "open"
	case HalfOpen:
		return "half-open"
	}
	return fmt.Sprintf("State(%d)", int(s))
}

var (
	// ErrOpen is returned by Do, without calling fn, while the breaker is open.
	ErrOpen = errors.New("breaker: circuit open")
	// ErrTooManyRequests is returned by Do, without calling fn, while the
	// breaker is half-open and HalfOpenMax trial calls are already running.
	ErrTooManyRequests = errors.New("breaker: too many trial requests while half-open")
)

// Settings configures a Breaker. The zero value of each field means its
// default; a negative value is a programming error, and New panics.
type Settings struct {
	FailureThreshold int              // consecutive failures that open the circuit; 0 means 5
	OpenTimeout      time.Duration    // time spent open before trial calls; 0 means 60s
	HalfOpenMax      int              // trial calls at once, and successes needed to close; 0 means 1
	IsFailure        func(error) bool // nil: err != nil && !errors.Is(err, context.Canceled)
}

// isFailure is the default of Settings.IsFailure: an error is a failure of
// the service unless the caller cancelled the call.
func isFailure(err error) bool { return err != nil && !errors.Is(err, context.Canceled) }

// A Breaker guards calls to one service. Its zero value is not usable: create
// one with New. A Breaker is safe for concurrent use and must not be copied.
//
// Every state change starts a new generation. A call remembers the generation
// it started in, and its result is ignored if the generation has changed
// since: a slow call from before the breaker opened cannot close it, and one
// from before it closed cannot count against it.
type Breaker struct {
	threshold int
	timeout   time.Duration
	trials    int
	isFailure func(error) bool

	// word is generation<<2 | state. It is written only under mu, and read
	// without it by Do's fast path: a call on a closed breaker that succeeds
	// while no failure is counted touches no lock.
	word atomic.Uint64

	// failures counts consecutive failures while closed. It is written only
	// under mu, and read without it by the same fast path.
	failures atomic.Int64

	mu        sync.Mutex // guards the fields below, and every write above
	successes int        // consecutive trial successes while half-open
	running   int        // trial calls running while half-open
	openedAt  time.Time  // when the breaker last opened
}

// New returns a closed Breaker with settings s.
func New(s Settings) *Breaker {
	if s.FailureThreshold < 0 || s.OpenTimeout < 0 || s.HalfOpenMax < 0 {
		panic(fmt.Sprintf("breaker: negative setting in %+v", s))
	}
	b := &Breaker{
		threshold: s.FailureThreshold,
		timeout:   s.OpenTimeout,
		trials:    s.HalfOpenMax,
		isFailure: s.IsFailure,
	}
	if b.threshold == 0 {
		b.threshold = 5
	}
	if b.timeout == 0 {
		b.timeout = 60 * time.Second
	}
	if b.trials == 0 {
		b.trials = 1
	}
	if b.isFailure == nil {
		b.isFailure = isFailure
	}
	return b
}

func stateOf(word uint64) State { return State(word & 3) }

// State returns the breaker's state now: an open breaker whose OpenTimeout
// has passed is half-open.
func (b *Breaker) State() State {
	if w := b.word.Load(); stateOf(w) == Closed {
		return Closed
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	return stateOf(b.current(time.Now()))
}

// Do calls fn with ctx if the breaker lets it through, and returns fn's
// error. While the breaker is open it returns ErrOpen, and while it is
// half-open with HalfOpenMax trials running ErrTooManyRequests, without
// calling fn. A ctx already done makes Do return ctx.Err() without calling fn
// or counting anything.
//
// fn's result counts as a failure when Settings.IsFailure says so. An error
// that is no failure and wraps context.Canceled counts for nothing: a call
// its caller gave up says nothing about the service (in half-open, it frees
// its trial slot). Any other result is a success. A panic in fn counts as a
// failure and goes on up to Do's caller. A result is ignored if the breaker
// changed state while fn ran.
func (b *Breaker) Do(ctx context.Context, fn func(context.Context) error) error {
	if fn == nil {
		panic("breaker: Do with a nil fn")
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	w := b.word.Load()
	if stateOf(w) != Closed {
		var err error
		if w, err = b.admit(); err != nil {
			return err
		}
	}
	return b.call(ctx, fn, w)
}

// call runs fn and records its result against generation word w. A panic
// passes through the deferred record unrecovered, so that it reaches the
// caller with its own stack.
func (b *Breaker) call(ctx context.Context, fn func(context.Context) error, w uint64) error {
	returned := false
	defer func() {
		if !returned {
			b.record(w, failure)
		}
	}()
	err := fn(ctx)
	returned = true
	b.record(w, b.verdict(err))
	return err
}

// A verdict is what a call's result says about the service.
type verdict int

const (
	success verdict = iota
	failure
	abandoned // the caller cancelled the call: neither success nor failure
)

// verdict judges fn's result err.
func (b *Breaker) verdict(err error) verdict {
	switch {
	case b.isFailure(err):
		return failure
	case errors.Is(err, context.Canceled):
		return abandoned
	}
	return success
}

// admit lets a call through a breaker that was not closed when Do looked,
// and returns the generation it runs in.
func (b *Breaker) admit() (uint64, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	w := b.current(time.Now())
	switch stateOf(w) {
	case Open:
		return 0, ErrOpen
	case HalfOpen:
		if b.running >= b.trials {
			return 0, ErrTooManyRequests
		}
		b.running++
	}
	return w, nil
}

// record counts the result of a call that started in generation w.
func (b *Breaker) record(w uint64, v verdict) {
	if v != failure && stateOf(w) == Closed && (v == abandoned || b.failures.Load() == 0) {
		return // the fast path: nothing to count or reset
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.word.Load() != w {
		return // a result from an earlier generation
	}
	switch stateOf(w) {
	case Closed:
		switch v {
		case success:
			b.failures.Store(0)
		case failure:
			if n := b.failures.Add(1); n >= int64(b.threshold) {
				b.open(w)
			}
		}
	case HalfOpen:
		b.running--
		switch v {
		case failure:
			b.open(w)
		case success:
			if b.successes++; b.successes >= b.trials {
				b.next(w, Closed)
			}
		}
	}
}

// current moves an open breaker whose timeout has passed to half-open, and
// returns the word. b.mu is held.
func (b *Breaker) current(now time.Time) uint64 {
	w := b.word.Load()
	if stateOf(w) == Open && !now.Before(b.openedAt.Add(b.timeout)) {
		w = b.next(w, HalfOpen)
	}
	return w
}

// open opens the breaker and starts its timer. b.mu is held.
func (b *Breaker) open(w uint64) {
	b.openedAt = time.Now()
	b.next(w, Open)
}

// next starts a new generation in state s, with nothing counted. b.mu is
// held.
func (b *Breaker) next(w uint64, s State) uint64 {
	b.failures.Store(0)
	b.successes, b.running = 0, 0
	w = (w>>2+1)<<2 | uint64(s)
	b.word.Store(w)
	return w
}
