package bench

import (
	"testing"

	"github.com/conckata/conckata/internal/harness"
)

func TestMain(m *testing.M) { harness.Main(m) }

// impl is one implementation under measurement.
type impl[T any] struct {
	name string
	new  func() T
}

// run runs bench once per implementation, as the sub-benchmark impl=NAME,
// skipping one whose constructor or probe panics: a kata not solved yet.
func run[T any](b *testing.B, impls []impl[T], probe func(T), bench func(b *testing.B, x T)) {
	for _, im := range impls {
		b.Run("impl="+im.name, func(b *testing.B) {
			if !works(func() { probe(im.new()) }) {
				b.Skip("panics: not solved yet (go run ./cmd/kata test)")
			}
			bench(b, im.new())
		})
	}
}

// works reports whether f returns without panicking.
func works(f func()) (ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	f()
	return true
}
