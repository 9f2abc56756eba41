package bench

import (
	"context"
	"testing"

	"github.com/conckata/conckata/internal/conformance/shieldtest"
	kata "github.com/conckata/conckata/katas/shield"
	"github.com/conckata/conckata/solutions/shield"
	"github.com/conckata/conckata/solutions/task"
)

var shields = []impl[shieldtest.Impl]{
	{"reference", func() shieldtest.Impl { return shieldtest.Impl{Shield: shield.Shield[int], Detach: shield.Detach} }},
	{"without-cancel", func() shieldtest.Impl {
		return shieldtest.Impl{Shield: shieldtest.ShieldByWait, Detach: context.WithoutCancel}
	}},
	{"kata", func() shieldtest.Impl { return shieldtest.Impl{Shield: kata.Shield[int], Detach: kata.Detach} }},
}

func probeShield(im shieldtest.Impl) {
	ctx := im.Detach(context.Background())
	_, _ = im.Shield(task.Go(ctx, answer)).Wait(ctx)
}

// valueKey is the type of the keys in BenchmarkShield's contexts.
type valueKey int

// BenchmarkShield measures starting a task, shielding it and waiting for
// the shield (op=shield-wait: the shield's goroutine is the cost), making
// a detached context (op=detach), and looking up a value through one, past
// three WithValue layers (op=detach-value).
func BenchmarkShield(b *testing.B) {
	ctx := context.Background()
	b.Run("op=shield-wait", func(b *testing.B) {
		run(b, shields, probeShield, func(b *testing.B, im shieldtest.Impl) {
			for b.Loop() {
				if v, err := im.Shield(task.Go(ctx, answer)).Wait(ctx); v != 42 || err != nil {
					b.Fatalf("got (%d, %v), want (42, <nil>)", v, err)
				}
			}
		})
	})
	values := ctx
	for k := range valueKey(3) {
		values = context.WithValue(values, k, int(k))
	}
	b.Run("op=detach", func(b *testing.B) {
		run(b, shields, probeShield, func(b *testing.B, im shieldtest.Impl) {
			for b.Loop() {
				if im.Detach(values) == nil {
					b.Fatal("Detach returned nil")
				}
			}
		})
	})
	b.Run("op=detach-value", func(b *testing.B) {
		run(b, shields, probeShield, func(b *testing.B, im shieldtest.Impl) {
			d := im.Detach(values)
			for b.Loop() {
				if d.Value(valueKey(0)) != 0 {
					b.Fatal("lost the value")
				}
			}
		})
	})
}
