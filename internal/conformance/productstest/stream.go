package productstest

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/conckata/conckata/internal/bubble"
)

func streamRoundTrips(t *testing.T, impl Impl) {
	forEachStore(t, impl, 1, 2, func(t *testing.T, f *fixture, s Store) {
		// The queries of a batch size b: 1000/b rounded up, and never one
		// more to find out that nothing is left.
		for _, c := range []struct{ batch, queries int }{{50, 20}, {300, 4}, {1000, 1}, {1001, 1}, {7, 143}} {
			before := f.wire.queries.Load()
			next := 1
			for p, err := range s.StreamProducts(f.ctx, c.batch) {
				if err != nil {
					t.Fatalf("StreamProducts(ctx, %d) yielded error %v after %d products", c.batch, err, next-1)
				}
				if next > nProducts || p != product(next) {
					t.Fatalf("StreamProducts(ctx, %d) yielded %v as product number %d, want %v", c.batch, p, next, product(min(next, nProducts)))
				}
				next++
			}
			if next-1 != nProducts {
				t.Errorf("StreamProducts(ctx, %d) yielded %d products, want all %d", c.batch, next-1, nProducts)
			}
			if q := f.wire.queries.Load() - before; q != int64(c.queries) {
				t.Errorf("StreamProducts(ctx, %d) over %d products sent %d queries, want %d (one per batch)", c.batch, nProducts, q, c.queries)
			}
			noLease(t, s, "StreamProducts")
		}
		if v := bubble.Panics(func() { s.StreamProducts(f.ctx, 0) }); v == nil || !strings.HasPrefix(v.(string), "products: ") {
			t.Errorf(`StreamProducts(ctx, 0) panicked with %v, want a panic with a "products: ..." message`, v)
		}
	})
}

func streamFetchesLazily(t *testing.T, impl Impl) {
	forEachStore(t, impl, 1, 2, func(t *testing.T, f *fixture, s Store) {
		before := f.wire.queries.Load()
		seq := s.StreamProducts(f.ctx, 50)
		if q := f.wire.queries.Load() - before; q != 0 {
			t.Errorf("StreamProducts(ctx, 50) sent %d queries before the loop began, want 0", q)
		}
		n := 0
		for _, err := range seq {
			if err != nil {
				t.Fatalf("StreamProducts(ctx, 50) yielded error %v after %d products", err, n)
			}
			n++
			if want := int64(1 + (n-1)/50); f.wire.queries.Load()-before != want {
				t.Fatalf("at product %d of StreamProducts(ctx, 50), %d queries were sent, want %d: a batch must be fetched only when the loop needs it", n, f.wire.queries.Load()-before, want)
			}
			if in := s.Stats().InUse; in != 0 {
				t.Fatalf("at product %d of StreamProducts(ctx, 50), in the loop body, Stats().InUse = %d, want 0: no connection is held between fetches", n, in)
			}
			if n == 60 {
				break
			}
		}
		noLease(t, s, "breaking out of StreamProducts")

		ctx, cancel := context.WithCancel(f.ctx)
		defer cancel()
		n, errs := 0, 0
		for _, err := range s.StreamProducts(ctx, 50) {
			if err != nil {
				errs++
				if !errors.Is(err, context.Canceled) {
					t.Errorf("StreamProducts yielded %v after ctx was cancelled, want context.Canceled", err)
				}
				continue
			}
			if n++; n == 50 {
				cancel()
			}
		}
		if n != 50 || errs != 1 {
			t.Errorf("StreamProducts(ctx, 50) with ctx cancelled after the first batch yielded %d products and %d errors, want 50 and then 1 error", n, errs)
		}
		noLease(t, s, "StreamProducts ended by a cancelled ctx")
	})
}
