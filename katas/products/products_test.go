package products

import (
	"context"
	"database/sql"
	"iter"
	"net/http"
	"testing"

	"github.com/conckata/conckata/internal/conformance/productstest"
	"github.com/conckata/conckata/internal/harness"
)

// This file is the same in katas/products and solutions/products: both run
// the one conformance suite. Read it in internal/conformance/productstest.
// Set KATA_PG_DSN (or run scripts/pg) to run it on PostgreSQL as well.

func TestMain(m *testing.M) { harness.Main(m) }

func TestProducts(t *testing.T) {
	productstest.Run(t, productstest.Impl{
		Open: func(ctx context.Context, db *sql.DB, minConns, maxConns int) (productstest.Store, error) {
			s, err := Open(ctx, db, minConns, maxConns)
			if err != nil {
				return nil, err
			}
			return store{s}, nil
		},
		Handler: func(s productstest.Store) http.Handler { return NewHandler(s.(store).Store) },
		NewServer: func(db *sql.DB, minConns, maxConns int) productstest.Server {
			return NewServer(db, minConns, maxConns)
		},
		ErrNotFound: ErrNotFound,
	})
}

// store gives the suite the rows as its own types, which have the same
// fields as this package's.
type store struct{ *Store }

func (s store) Brands(ctx context.Context) ([]productstest.Brand, error) {
	bs, err := s.Store.Brands(ctx)
	out := make([]productstest.Brand, len(bs))
	for i, b := range bs {
		out[i] = productstest.Brand(b)
	}
	return out, err
}

func (s store) Product(ctx context.Context, id int) (productstest.Product, error) {
	p, err := s.Store.Product(ctx, id)
	return productstest.Product(p), err
}

func (s store) SKUs(ctx context.Context, productID int) ([]productstest.SKU, error) {
	skus, err := s.Store.SKUs(ctx, productID)
	return convertSKUs(skus), err
}

func (s store) SKUsConcurrently(ctx context.Context, productIDs []int) ([][]productstest.SKU, error) {
	all, err := s.Store.SKUsConcurrently(ctx, productIDs)
	out := make([][]productstest.SKU, len(all))
	for i, skus := range all {
		out[i] = convertSKUs(skus)
	}
	return out, err
}

func (s store) StreamProducts(ctx context.Context, batch int) iter.Seq2[productstest.Product, error] {
	seq := s.Store.StreamProducts(ctx, batch)
	return func(yield func(productstest.Product, error) bool) {
		for p, err := range seq {
			if !yield(productstest.Product(p), err) {
				return
			}
		}
	}
}

func convertSKUs(skus []SKU) []productstest.SKU {
	out := make([]productstest.SKU, len(skus))
	for i, k := range skus {
		out[i] = productstest.SKU(k)
	}
	return out
}
