package breakertest

import (
	"cmp"
	"context"
	"errors"
	"time"

	"github.com/conckata/conckata/internal/harness"
	"github.com/sony/gobreaker/v2"
)

// Peers returns the breaker kata's peer: sony/gobreaker's CircuitBreaker.
func Peers() []harness.Peer[Impl] {
	perGeneration := "gobreaker's MaxRequests counts the trial calls let in since the breaker became half-open, not those running at once: a trial that succeeded does not free its slot"
	return []harness.Peer[Impl]{{
		Name: "gobreaker",
		Impl: Impl{New: NewGobreaker, String: gobreakerString, ErrOpen: gobreaker.ErrOpenState, ErrTooManyRequests: gobreaker.ErrTooManyRequests},
		Skip: map[string]string{
			"half-open-frees-finished-slots": perGeneration,
			"matches-model":                  perGeneration + ", which the model's random cases with HalfOpenMax above 1 show",
			"panic-ignores-is-failure":       "gobreaker hands a panic to IsSuccessful as an error (fmt.Errorf(\"%v\", value)), so an IsFailure that says no to that error makes the panic a success",
			"bad-settings-panic":             "gobreaker takes a Timeout <= 0 for its default and has no negative MaxRequests (a uint32), and its Execute calls a nil request, which panics as any nil func does",
		},
	}}
}

// gobreakerAdapter is gobreaker's CircuitBreaker with the kata's API. The
// adapter maps Settings to gobreaker's: ReadyToTrip on consecutive failures,
// IsSuccessful as !IsFailure, IsExcluded for a cancellation that is no
// failure, the kata's defaults where a field is 0; and
// it checks ctx, which gobreaker knows nothing of, before each call.
type gobreakerAdapter struct {
	cb *gobreaker.CircuitBreaker[struct{}]
}

// NewGobreaker returns a gobreaker.CircuitBreaker with settings s as a
// Breaker.
func NewGobreaker(s Settings) Breaker {
	threshold := uint32(cmp.Or(s.FailureThreshold, 5))
	isFailure := s.IsFailure
	if isFailure == nil {
		isFailure = func(err error) bool { return err != nil && !errors.Is(err, context.Canceled) }
	}
	return gobreakerAdapter{gobreaker.NewCircuitBreaker[struct{}](gobreaker.Settings{
		MaxRequests: uint32(cmp.Or(s.HalfOpenMax, 1)),
		// gobreaker turns half-open once Timeout has passed strictly (its
		// expiry is Before now), the kata once OpenTimeout has passed or
		// is reached: on a clock of nanoseconds, a nanosecond less is the
		// same rule. No property uses an OpenTimeout of 1ns.
		Timeout:      cmp.Or(s.OpenTimeout, 60*time.Second) - time.Nanosecond,
		ReadyToTrip:  func(c gobreaker.Counts) bool { return c.ConsecutiveFailures >= threshold },
		IsSuccessful: func(err error) bool { return !isFailure(err) },
		IsExcluded:   func(err error) bool { return !isFailure(err) && errors.Is(err, context.Canceled) },
	})}
}

func (g gobreakerAdapter) Do(ctx context.Context, fn func(context.Context) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	_, err := g.cb.Execute(func() (struct{}, error) { return struct{}{}, fn(ctx) })
	return err
}

func (g gobreakerAdapter) State() State {
	switch g.cb.State() {
	case gobreaker.StateOpen:
		return Open
	case gobreaker.StateHalfOpen:
		return HalfOpen
	}
	return Closed
}

// gobreakerString names s as gobreaker's State.String does.
func gobreakerString(s State) string {
	return map[State]gobreaker.State{Closed: gobreaker.StateClosed, Open: gobreaker.StateOpen, HalfOpen: gobreaker.StateHalfOpen}[s].String()
}
