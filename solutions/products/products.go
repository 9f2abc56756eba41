// Package products is the seed's asyncpg and aiohttp service in Go: the
// product database (brand, product, product_color, product_size, sku) served
// from a pool of connections (the pool kata), with queries run concurrently
// over the pool, an all-or-nothing transaction, a cursor that streams rows
// in batches, and an HTTP service whose pool opens at start-up and closes at
// shutdown. It runs on an embedded SQLite or on PostgreSQL (see OpenDB).
package products

import (
	"context"
	"database/sql"
	"errors"

	"github.com/conckata/conckata/solutions/pool"
)

// ErrNotFound is returned, wrapped, for a product id that does not exist.
var ErrNotFound = errors.New("products: not found")

// Brand is a row of the brand table.
type Brand struct {
	ID   int    `json:"brand_id"`
	Name string `json:"brand_name"`
}

// Product is a row of the product table.
type Product struct {
	ID      int    `json:"product_id"`
	Name    string `json:"product_name"`
	BrandID int    `json:"brand_id"`
}

// SKU is a row of the seed's join query: one stock-keeping unit of a
// product, with the product's columns and its colour and size by name.
type SKU struct {
	ProductID   int    `json:"product_id"`
	ProductName string `json:"product_name"`
	BrandID     int    `json:"brand_id"`
	SKUID       int    `json:"sku_id"`
	Color       string `json:"product_color_name"`
	Size        string `json:"product_size_name"`
}

// A Store runs the service's queries on connections leased from a pool.
// Create one with Open; it is safe for use by many goroutines, and must be
// closed with Close.
//
// The pool is the pool kata's, and it alone decides how many connections
// exist and when they close: Open turns off database/sql's own idle pool, so
// that a connection the Store's pool closes is closed for real.
type Store struct {
	pool     *pool.Pool[*sql.Conn]
	maxConns int
}

// Open opens minConns connections of db (asyncpg's min_size) and returns a
// Store that never holds more than maxConns (max_size). It sets db's idle
// limit to zero, so db must not be shared with code that relies on it. If a
// connection fails to open, Open closes those already open and returns the
// error. It panics with a "pool: ..." message on bad sizes.
func Open(ctx context.Context, db *sql.DB, minConns, maxConns int) (*Store, error) {
	db.SetMaxIdleConns(0)
	p, err := pool.New(ctx, pool.Config[*sql.Conn]{
		MinSize: minConns,
		MaxSize: maxConns,
		Open:    db.Conn,
		Close:   (*sql.Conn).Close,
	})
	if err != nil {
		return nil, err
	}
	return &Store{pool: p, maxConns: maxConns}, nil
}

// Close closes the pool: new calls fail with pool.ErrClosed, and Close waits
// until every connection is released and closed, or until ctx is done.
func (s *Store) Close(ctx context.Context) error { return s.pool.Close(ctx) }

// Stats returns the pool's counts: InUse is the connections leased now.
func (s *Store) Stats() pool.Stats { return s.pool.Stats() }

// withConn runs f on a leased connection. The lease goes back to the pool
// when f succeeds or finds nothing, and is destroyed on any other error: a
// connection whose query failed or was cancelled may be broken (a dead
// server, a PostgreSQL transaction left aborted), and the pool opens a new
// one when it needs it.
func (s *Store) withConn(ctx context.Context, f func(*sql.Conn) error) error {
	lease, err := s.pool.Acquire(ctx)
	if err != nil {
		return err
	}
	err = f(lease.Value())
	if err != nil && !errors.Is(err, ErrNotFound) {
		lease.Destroy()
		return err
	}
	lease.Release()
	return err
}
