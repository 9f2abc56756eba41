// Package products is the seed's asyncpg and aiohttp service in Go: the
// product database (brand, product, product_color, product_size, sku) served
// from a pool of connections (the pool kata), with queries run concurrently
// over the pool, an all-or-nothing transaction, a cursor that streams rows
// in batches, and an HTTP service whose pool opens at start-up and closes at
// shutdown. It runs on an embedded SQLite or on PostgreSQL (see OpenDB).
//
// schema.go is given: the tables and the generated data. This file is yours.
package products

import (
	"context"
	"database/sql"
	"errors"
	"iter"
	"net"
	"net/http"

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
	// Your fields here: the pool of *sql.Conn, and what else you need.
}

// Open opens minConns connections of db (asyncpg's min_size) and returns a
// Store that never holds more than maxConns (max_size). It sets db's idle
// limit to zero, so db must not be shared with code that relies on it. If a
// connection fails to open, Open closes those already open and returns the
// error. It panics with a "pool: ..." message on bad sizes.
func Open(ctx context.Context, db *sql.DB, minConns, maxConns int) (*Store, error) {
	panic("products: Open is not written yet (docs/katas/products.md)")
}

// Close closes the pool: new calls fail with pool.ErrClosed, and Close waits
// until every connection is released and closed, or until ctx is done.
func (s *Store) Close(ctx context.Context) error {
	panic("products: Close is not written yet (docs/katas/products.md)")
}

// Stats returns the pool's counts: InUse is the connections leased now.
func (s *Store) Stats() pool.Stats {
	panic("products: Stats is not written yet (docs/katas/products.md)")
}

// Brands returns every brand, by id.
func (s *Store) Brands(ctx context.Context) ([]Brand, error) {
	panic("products: Brands is not written yet (docs/katas/products.md)")
}

// Product returns the product with the given id, or an error wrapping
// ErrNotFound if there is none.
func (s *Store) Product(ctx context.Context, id int) (Product, error) {
	panic("products: Product is not written yet (docs/katas/products.md)")
}

// SKUs runs the seed's join query for one product: its SKUs, by id, none
// for a product that does not exist.
func (s *Store) SKUs(ctx context.Context, productID int) ([]SKU, error) {
	panic("products: SKUs is not written yet (docs/katas/products.md)")
}

// SKUsConcurrently runs SKUs for every id at once, each query on a
// connection of its own, and returns the results in the order of the ids:
// asyncio.gather over the pool. As many queries run at a time as the pool
// has connections. The first error cancels the queries still running and
// is returned once they have all returned.
func (s *Store) SKUsConcurrently(ctx context.Context, productIDs []int) ([][]SKU, error) {
	panic("products: SKUsConcurrently is not written yet (docs/katas/products.md)")
}

// InsertBrands inserts a brand for each name in one transaction: all of
// them, or, if any insert fails (a name already taken), none.
func (s *Store) InsertBrands(ctx context.Context, names []string) error {
	panic("products: InsertBrands is not written yet (docs/katas/products.md)")
}

// StreamProducts returns the products by id, fetched batch at a time: one
// query per batch, asyncpg's cursor with prefetch=batch. It fetches lazily,
// as the loop asks for rows, and holds no connection while the loop body
// runs, only during each fetch. So 1000 products at batch 50 take exactly 20
// queries: each fetch asks for one row more than it yields, to know without
// another query whether a next batch exists.
//
// An error (ctx done, the database gone) is yielded with a zero Product, and
// ends the stream. Unlike a cursor in a transaction, the stream reads no
// snapshot: a product inserted after a batch is read shows up if its id is
// higher. It panics if batch < 1.
func (s *Store) StreamProducts(ctx context.Context, batch int) iter.Seq2[Product, error] {
	panic("products: StreamProducts is not written yet (docs/katas/products.md)")
}

// NewHandler returns the service's routes on s, answering JSON:
//
//	GET /brands         200 and every brand
//	GET /products/{id}  200 and the product; 400 if id is not an integer,
//	                    404 if there is no such product
//
// A database error (the database is down, the pool is closed) gets 503
// Service Unavailable: the request may succeed later. Every error body is
// {"error": "..."}. Each request's queries use the request's ctx, so a
// client that goes away cancels them.
func NewHandler(s *Store) http.Handler {
	panic("products: NewHandler is not written yet (docs/katas/products.md)")
}

// A Server is the HTTP service with its pool's life tied to its own, as
// aiohttp's on_startup and on_cleanup hooks do: Start opens the pool, then
// serves; Shutdown stops serving, then closes the pool. Create one with
// NewServer. Start and Shutdown are each called once, Start first, from one
// goroutine.
type Server struct {
	// Your fields here: the database, the sizes, the Store, the http.Server.
}

// NewServer returns a Server whose pool will hold minConns to maxConns
// connections of db. It opens nothing until Start.
func NewServer(db *sql.DB, minConns, maxConns int) *Server {
	panic("products: NewServer is not written yet (docs/katas/products.md)")
}

// Start opens the pool, with ctx bounding the opening of its first
// connections, and then serves HTTP on l in a goroutine of its own until
// Shutdown. If the pool fails to open, Start closes l and returns the error.
// It panics if called twice.
func (s *Server) Start(ctx context.Context, l net.Listener) error {
	panic("products: Start is not written yet (docs/katas/products.md)")
}

// Shutdown stops accepting requests, waits for those in flight to finish,
// and then closes the pool, waiting for its connections to close: every
// wait ends early when ctx is done, and Shutdown then returns ctx.Err().
// It panics if the Server was not started.
func (s *Server) Shutdown(ctx context.Context) error {
	panic("products: Shutdown is not written yet (docs/katas/products.md)")
}
