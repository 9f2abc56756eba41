package products

// This file is given, the same in the kata and in the reference: the schema
// and the generated data are the seed's, not the concurrency to learn.

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	_ "github.com/jackc/pgx/v5/stdlib" // registers "pgx"
	_ "modernc.org/sqlite"             // registers "sqlite", pure Go
)

// Dialect is the SQL flavour of a database: the tables differ (how ids are
// generated); the queries of this package are the same for both.
type Dialect int

const (
	SQLite     Dialect = iota // modernc.org/sqlite, embedded, nothing to install
	PostgreSQL                // through github.com/jackc/pgx/v5/stdlib
)

func (d Dialect) String() string {
	if d == PostgreSQL {
		return "postgres"
	}
	return "sqlite"
}

// OpenDB opens the database that dsn names: PostgreSQL through pgx for a
// postgres:// or postgresql:// URL, else the SQLite file dsn, created if
// missing, in WAL mode so that readers on other connections do not wait for
// a writer. Like sql.Open, it does not connect yet.
func OpenDB(dsn string) (*sql.DB, Dialect, error) {
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		db, err := sql.Open("pgx", dsn)
		return db, PostgreSQL, err
	}
	sep := "?"
	if strings.Contains(dsn, "?") {
		sep = "&"
	}
	db, err := sql.Open("sqlite", dsn+sep+"_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)")
	return db, SQLite, err
}

// schema is the seed's, with BIGINT ids on PostgreSQL so that any Go int is
// a valid id on both databases, and brand names unique.
func schema(d Dialect) []string {
	id := "INTEGER PRIMARY KEY AUTOINCREMENT"
	if d == PostgreSQL {
		id = "BIGSERIAL PRIMARY KEY"
	}
	return []string{
		`CREATE TABLE IF NOT EXISTS brand (brand_id ` + id + `, brand_name TEXT NOT NULL UNIQUE)`,
		`CREATE TABLE IF NOT EXISTS product (product_id ` + id + `, product_name TEXT NOT NULL,
			brand_id BIGINT NOT NULL REFERENCES brand(brand_id))`,
		`CREATE TABLE IF NOT EXISTS product_color (product_color_id ` + id + `, product_color_name TEXT NOT NULL)`,
		`CREATE TABLE IF NOT EXISTS product_size (product_size_id ` + id + `, product_size_name TEXT NOT NULL)`,
		`CREATE TABLE IF NOT EXISTS sku (sku_id ` + id + `,
			product_id BIGINT NOT NULL REFERENCES product(product_id),
			product_size_id BIGINT NOT NULL REFERENCES product_size(product_size_id),
			product_color_id BIGINT NOT NULL REFERENCES product_color(product_color_id))`,
	}
}

// Migrate creates the seed's tables (brand, product, product_color,
// product_size, sku) where they do not exist yet.
func Migrate(ctx context.Context, db *sql.DB, d Dialect) error {
	for _, stmt := range schema(d) {
		if _, err := db.ExecContext(ctx, stmt); err != nil {
			return fmt.Errorf("products: migrate: %w", err)
		}
	}
	return nil
}

var (
	brandNames = []string{"Acme", "Bolt", "Cobalt", "Drift", "Ember", "Fjord", "Gale", "Harbor", "Iris", "Juniper"}
	colorNames = []string{"Black", "White", "Red", "Blue", "Green"}
	sizeNames  = []string{"XS", "S", "M", "L", "XL"}
	adjectives = []string{"Classic", "Light", "Warm", "Swift", "Urban", "Quiet", "Bold", "Soft"}
	nouns      = []string{"Jacket", "Boot", "Shirt", "Cap", "Scarf", "Glove", "Sock", "Belt", "Vest", "Bag"}
)

// Seed fills the empty tables of a new database with the same data every
// time, in one transaction: 10 brands, 5 colours, 5 sizes, n products
// (product i, from 1, is of brand 1 + i%10 and named after i) and 1 + i%3
// SKUs of product i. Ids count from 1 in a new database.
func Seed(ctx context.Context, db *sql.DB, n int) (err error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("products: seed: %w", err)
	}
	defer func() {
		if err != nil {
			tx.Rollback()
			err = fmt.Errorf("products: seed: %w", err)
		}
	}()
	insert := func(query string, args ...any) {
		if err == nil {
			_, err = tx.ExecContext(ctx, query, args...)
		}
	}
	for _, b := range brandNames {
		insert(`INSERT INTO brand (brand_name) VALUES ($1)`, b)
	}
	for _, c := range colorNames {
		insert(`INSERT INTO product_color (product_color_name) VALUES ($1)`, c)
	}
	for _, s := range sizeNames {
		insert(`INSERT INTO product_size (product_size_name) VALUES ($1)`, s)
	}
	for i := 1; i <= n; i++ {
		name := fmt.Sprintf("%s %s %d", adjectives[i%len(adjectives)], nouns[i%len(nouns)], i)
		insert(`INSERT INTO product (product_name, brand_id) VALUES ($1, $2)`, name, 1+i%len(brandNames))
		for k := range 1 + i%3 {
			insert(`INSERT INTO sku (product_id, product_size_id, product_color_id) VALUES ($1, $2, $3)`,
				i, 1+(i+k)%len(sizeNames), 1+(i*7+k)%len(colorNames))
		}
	}
	if err != nil {
		return err
	}
	return tx.Commit()
}
