// Package productstest is the conformance suite of the products kata: the
// properties of docs/katas/products.md, run against any implementation of
// its API (the learner's kata, the reference, the peer and the mutants).
//
// Every property runs on a real database of its own, given to the
// implementation as a *sql.DB whose driver the suite wraps: the wrapper
// counts the queries and connections that reach the database, can hold
// queries until several are in flight at once, and can take the database
// down. SQLite (a new file) always; PostgreSQL too when KATA_PG_DSN is set
// (a new schema, dropped afterwards), each as a subtest of the property.
//
// The properties that need concurrency run real goroutines and bound every
// wait; like any concurrency test, they may miss a bug on a given run: run
// them under -race.
//
// The peer and the mutant base share one store, plain (plain.go,
// plainhttp.go), unlike the other suites, whose base is a test double in
// plain_test.go: plain on database/sql's own pool is a real naive
// implementation, the one most Go services write, so it is the peer, and it
// stays outside the test files because bench/ measures it. The base is that
// same store on the pool kata's pool (plain_test.go), with the bugs
// switched off; writing a second store for the mutants would only repeat
// the first.
package productstest

import (
	"context"
	"database/sql"
	"iter"
	"net"
	"net/http"
	"testing"

	"github.com/conckata/conckata/internal/harness"
	"github.com/conckata/conckata/solutions/pool"
)

// Brand, Product and SKU have the fields of the kata's types, so that an
// adapter converts one to the other.
type (
	Brand struct {
		ID   int
		Name string
	}
	Product struct {
		ID      int
		Name    string
		BrandID int
	}
	SKU struct {
		ProductID   int
		ProductName string
		BrandID     int
		SKUID       int
		Color       string
		Size        string
	}
)

// Store is the kata's Store.
type Store interface {
	Brands(ctx context.Context) ([]Brand, error)
	Product(ctx context.Context, id int) (Product, error)
	SKUs(ctx context.Context, productID int) ([]SKU, error)
	SKUsConcurrently(ctx context.Context, productIDs []int) ([][]SKU, error)
	InsertBrands(ctx context.Context, names []string) error
	StreamProducts(ctx context.Context, batch int) iter.Seq2[Product, error]
	Stats() pool.Stats
	Close(ctx context.Context) error
}

// Server is the kata's Server.
type Server interface {
	Start(ctx context.Context, l net.Listener) error
	Shutdown(ctx context.Context) error
}

// Impl is an implementation of the products kata.
type Impl struct {
	Open        func(ctx context.Context, db *sql.DB, minConns, maxConns int) (Store, error)
	Handler     func(s Store) http.Handler // s was returned by Open
	NewServer   func(db *sql.DB, minConns, maxConns int) Server
	ErrNotFound error
}

// Suite holds the properties, in the order the doc page explains them.
var Suite = &harness.Suite[Impl]{
	Kata: "products",
	Properties: []harness.Property[Impl]{
		{Name: "brands-by-id", Expect: "Brands returns every brand, by id", Check: brandsByID},
		{Name: "product-by-id", Expect: "Product returns the product with that id, and an error wrapping ErrNotFound for an id that does not exist, releasing the connection either way", Check: productByID},
		{Name: "skus-join-query", Expect: "SKUs returns the rows of the seed's join query for the product, by SKU id, and none for a product that does not exist", Check: skusJoinQuery},
		{Name: "concurrent-queries-overlap", Expect: "SKUsConcurrently runs its queries at the same time, each on a connection of its own from the pool", Check: concurrentQueriesOverlap},
		{Name: "concurrent-results-in-order", Expect: "SKUsConcurrently returns what SKUs returns for each id, in the order of the ids, with never more connections open than the pool's maximum", Check: concurrentResultsInOrder},
		{Name: "insert-brands-all-or-nothing", Expect: "InsertBrands inserts all the brands, or, when an insert fails half-way, none, and leaves its connection fit for the next caller", Check: insertBrandsAllOrNothing},
		{Name: "stream-round-trips", Expect: "StreamProducts yields every product by id, with one query per batch: 1000 products at batch 50 take exactly 20", Check: streamRoundTrips},
		{Name: "stream-fetches-lazily", Expect: "StreamProducts fetches a batch only when the loop needs it, holds no connection while the loop body runs, and ends with one error when ctx is cancelled", Check: streamFetchesLazily},
		{Name: "http-brands-and-product", Expect: "GET /brands and GET /products/{id} answer 200 with the rows as JSON", Check: httpBrandsAndProduct},
		{Name: "http-unknown-id-404", Expect: "GET /products/{id} for an id that does not exist answers 404 with a JSON error, and releases its connection", Check: httpUnknownID404},
		{Name: "http-malformed-id-400", Expect: "GET /products/{id} for an id that is not an integer answers 400 with a JSON error", Check: httpMalformedID400},
		{Name: "http-database-down-503", Expect: "while the database is down, both routes answer 503 with a JSON error and leak no connection, and they answer 200 again once it is back", Check: httpDatabaseDown503},
		{Name: "server-pool-lifecycle", Expect: "Server.Start opens the pool before serving, and Shutdown closes every connection of it", Check: serverPoolLifecycle},
	},
}

// Run checks every property of the products kata against impl.
func Run(t *testing.T, impl Impl) {
	t.Helper()
	Suite.Run(t, impl)
}
