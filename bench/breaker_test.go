package bench

import (
	"context"
	"errors"
	"testing"

	"github.com/conckata/conckata/internal/conformance/breakertest"
	kata "github.com/conckata/conckata/katas/breaker"
	"github.com/conckata/conckata/solutions/breaker"
)

// breakers have the default settings: 5 failures open them for 60s, longer
// than any one measurement.
var breakers = []impl[breakertest.Breaker]{
	{"reference", func() breakertest.Breaker { return breakertest.Adapt(breaker.New(breaker.Settings{})) }},
	{"gobreaker", func() breakertest.Breaker { return breakertest.NewGobreaker(breakertest.Settings{}) }},
	{"kata", func() breakertest.Breaker { return breakertest.Adapt(kata.New(kata.Settings{})) }},
}

func probeBreaker(b breakertest.Breaker) { _ = b.Do(context.Background(), serviceUp) }

// serviceUp and serviceDown are the calls guarded: functions, not closures,
// so that no allocation of the benchmark's own is measured.
func serviceUp(context.Context) error { return nil }

func serviceDown(context.Context) error { return errServiceDown }

var errServiceDown = errors.New("bench: service down")

// BenchmarkBreaker measures Do from one goroutine per P: through a closed
// breaker whose fn returns nil (op=closed), the path every call takes while
// the service is up; and refused with ErrOpen by an open breaker (op=open).
func BenchmarkBreaker(b *testing.B) {
	b.Run("op=closed", func(b *testing.B) {
		run(b, breakers, probeBreaker, func(b *testing.B, br breakertest.Breaker) {
			doParallel(b, br, serviceUp, nil)
		})
	})
	b.Run("op=open", func(b *testing.B) {
		run(b, breakers, probeBreaker, func(b *testing.B, br breakertest.Breaker) {
			for range 5 {
				_ = br.Do(context.Background(), serviceDown)
			}
			if br.State() != breakertest.Open {
				b.Fatalf("5 failures left the breaker %v, want open", br.State())
			}
			doParallel(b, br, serviceDown, errOpenOf(br))
		})
	})
}

// doParallel calls br.Do(ctx, fn) from one goroutine per P, each call
// returning want.
func doParallel(b *testing.B, br breakertest.Breaker, fn func(context.Context) error, want error) {
	b.RunParallel(func(pb *testing.PB) {
		ctx := context.Background()
		for pb.Next() {
			if err := br.Do(ctx, fn); err != want {
				b.Errorf("Do returned %v, want %v", err, want)
				return
			}
		}
	})
}

// errOpenOf returns what br's Do returns while br is open.
func errOpenOf(br breakertest.Breaker) error {
	return br.Do(context.Background(), serviceUp)
}
