package breakertest

import (
	"context"
	"errors"
	"sync"
	"time"
)

// bugs switches on known bugs in plain.
type bugs struct {
	noGenerationCheck, unlimitedTrials, halfOpenFailureStays, timerNotRestarted, totalFailures bool
}

var (
	errPlainOpen    = errors.New("plain: open")
	errPlainTooMany = errors.New("plain: too many trial calls")
)

func mutant(b bugs) Impl {
	return Impl{
		New: func(s Settings) Breaker {
			if s.FailureThreshold < 0 || s.OpenTimeout < 0 || s.HalfOpenMax < 0 {
				panic("breaker: negative setting")
			}
			p := &plain{bugs: b, threshold: 5, timeout: time.Minute, trials: 1, isFailure: s.IsFailure}
			if s.FailureThreshold > 0 {
				p.threshold = s.FailureThreshold
			}
			if s.OpenTimeout > 0 {
				p.timeout = s.OpenTimeout
			}
			if s.HalfOpenMax > 0 {
				p.trials = s.HalfOpenMax
			}
			if p.isFailure == nil {
				p.isFailure = func(err error) bool { return err != nil && !errors.Is(err, context.Canceled) }
			}
			p.spell = &spell{state: Closed}
			return p
		},
		String:             func(s State) string { return s.String() },
		ErrOpen:            errPlainOpen,
		ErrTooManyRequests: errPlainTooMany,
	}
}

// plain is the simplest correct breaker, one mutex over everything, into
// which the bugs are switched. Each state change makes a new spell; a call
// keeps the spell it started in, and its result counts only if that spell
// is still the breaker's.
type plain struct {
	bugs
	threshold, trials int
	timeout           time.Duration
	isFailure         func(error) bool

	mu    sync.Mutex // protects spell and what it points to
	spell *spell
}

// spell is one stretch of time in one state.
type spell struct {
	state     State
	failures  int       // consecutive failures, while closed
	successes int       // while half-open
	running   int       // trial calls, while half-open
	opened    time.Time // when the breaker opened: of this spell if open, of the one before if half-open
}

func (p *plain) Do(ctx context.Context, fn func(context.Context) error) error {
	if fn == nil {
		panic("breaker: nil fn")
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	s, err := p.enter()
	if err != nil {
		return err
	}
	v := failure // unless fn returns: a panic is a failure
	defer func() { p.leave(s, v) }()
	err = fn(ctx)
	switch {
	case p.isFailure(err):
	case errors.Is(err, context.Canceled):
		v = abandoned
	default:
		v = success
	}
	return err
}

func (p *plain) State() State {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.wake()
	return p.spell.state
}

// wake turns an open breaker whose timeout has passed half-open.
func (p *plain) wake() {
	if s := p.spell; s.state == Open && !time.Now().Before(s.opened.Add(p.timeout)) {
		p.spell = &spell{state: HalfOpen, opened: s.opened}
	}
}

func (p *plain) enter() (*spell, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.wake()
	s := p.spell
	switch s.state {
	case Open:
		return nil, errPlainOpen
	case HalfOpen:
		if s.running >= p.trials && !p.unlimitedTrials {
			return nil, errPlainTooMany
		}
		s.running++
	}
	return s, nil
}

func (p *plain) leave(s *spell, v verdict) {
	failed := v == failure
	p.mu.Lock()
	defer p.mu.Unlock()
	if s != p.spell {
		if !p.noGenerationCheck {
			return
		}
		s = p.spell
	}
	switch s.state {
	case Closed:
		switch {
		case v == abandoned:
		case !failed && !p.totalFailures:
			s.failures = 0
		case failed:
			if s.failures++; s.failures >= p.threshold {
				p.spell = &spell{state: Open, opened: time.Now()}
			}
		}
	case HalfOpen:
		s.running--
		switch {
		case v == abandoned:
		case failed && p.halfOpenFailureStays:
		case failed && p.timerNotRestarted:
			p.spell = &spell{state: Open, opened: s.opened}
		case failed:
			p.spell = &spell{state: Open, opened: time.Now()}
		case s.successes+1 >= p.trials:
			p.spell = &spell{state: Closed}
		default:
			s.successes++
		}
	}
}
