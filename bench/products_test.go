package bench

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"

	"github.com/conckata/conckata/internal/conformance/productstest"
	kata "github.com/conckata/conckata/katas/products"
	"github.com/conckata/conckata/solutions/products"
)

// productsStore is what the benchmarks do with a products store.
type productsStore struct {
	join   func(ctx context.Context) error // the seed's join query, for one product
	gather func(ctx context.Context) error // the join query for 12 products at once
	stream func(ctx context.Context) error // the 1000 products, at batch 50
	close  func()                          // the store, and its *sql.DB
}

var gatherIDs = []int{1, 90, 180, 270, 360, 450, 540, 630, 720, 810, 900, 990}

// productsStores open a store of at most 4 connections on the SQLite
// database file path, on a *sql.DB of its own.
func productsStores(path string) []impl[productsStore] {
	ctx := context.Background()
	// withDB opens a *sql.DB for build, and closes it if build panics (the
	// kata not solved yet) or fails.
	withDB := func(build func(d *sql.DB) (productsStore, error)) productsStore {
		d, _, err := products.OpenDB(path)
		if err != nil {
			panic(err)
		}
		built := false
		defer func() {
			if !built {
				d.Close()
			}
		}()
		s, err := build(d)
		if err != nil {
			panic(err)
		}
		built = true
		return s
	}
	return []impl[productsStore]{
		{"reference", func() productsStore {
			return withDB(func(d *sql.DB) (productsStore, error) {
				s, err := products.Open(ctx, d, 1, 4)
				return productsStore{
					join:   func(ctx context.Context) error { _, err := s.SKUs(ctx, 500); return err },
					gather: func(ctx context.Context) error { _, err := s.SKUsConcurrently(ctx, gatherIDs); return err },
					stream: func(ctx context.Context) error { return drain(s.StreamProducts(ctx, 50)) },
					close:  func() { s.Close(ctx); d.Close() },
				}, err
			})
		}},
		{"database-sql-pool", func() productsStore {
			return withDB(func(d *sql.DB) (productsStore, error) {
				s, err := productstest.Peers()[0].Impl.Open(ctx, d, 1, 4)
				if err != nil {
					return productsStore{}, err
				}
				return productsStore{
					join:   func(ctx context.Context) error { _, err := s.SKUs(ctx, 500); return err },
					gather: func(ctx context.Context) error { _, err := s.SKUsConcurrently(ctx, gatherIDs); return err },
					stream: func(ctx context.Context) error { return drain(s.StreamProducts(ctx, 50)) },
					close:  func() { s.Close(ctx); d.Close() },
				}, err
			})
		}},
		{"kata", func() productsStore {
			return withDB(func(d *sql.DB) (productsStore, error) {
				s, err := kata.Open(ctx, d, 1, 4)
				return productsStore{
					join:   func(ctx context.Context) error { _, err := s.SKUs(ctx, 500); return err },
					gather: func(ctx context.Context) error { _, err := s.SKUsConcurrently(ctx, gatherIDs); return err },
					stream: func(ctx context.Context) error { return drain(s.StreamProducts(ctx, 50)) },
					close:  func() { s.Close(ctx); d.Close() },
				}, err
			})
		}},
	}
}

// drain reads seq to the end and returns its first error.
func drain[T any](seq func(yield func(T, error) bool)) error {
	for _, err := range seq {
		if err != nil {
			return err
		}
	}
	return nil
}

// seededProducts returns the path of a new SQLite file holding the schema
// and 1000 products.
func seededProducts(b *testing.B) string {
	path := filepath.Join(b.TempDir(), "products.db")
	db, dialect, err := products.OpenDB(path)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	if err := products.Migrate(ctx, db, dialect); err != nil {
		b.Fatal(err)
	}
	if err := products.Seed(ctx, db, 1000); err != nil {
		b.Fatal(err)
	}
	return path
}

func probeProducts(s productsStore) {
	defer s.close()
	if err := s.join(context.Background()); err != nil {
		panic(err)
	}
}

// BenchmarkProducts measures the store on SQLite, on a pool of at most four
// connections: the seed's join query for one product (op=join), for twelve
// at once (op=gather), and the stream of the 1000 products at batch 50
// (op=stream, 20 queries).
func BenchmarkProducts(b *testing.B) {
	path := seededProducts(b)
	ops := []struct {
		name string
		op   func(s productsStore) func(ctx context.Context) error
	}{
		{"join", func(s productsStore) func(context.Context) error { return s.join }},
		{"gather", func(s productsStore) func(context.Context) error { return s.gather }},
		{"stream", func(s productsStore) func(context.Context) error { return s.stream }},
	}
	for _, o := range ops {
		b.Run("op="+o.name, func(b *testing.B) {
			run(b, productsStores(path), probeProducts, func(b *testing.B, s productsStore) {
				defer s.close()
				f, ctx := o.op(s), b.Context()
				for b.Loop() {
					if err := f(ctx); err != nil {
						b.Fatal(err)
					}
				}
			})
		})
	}
}
