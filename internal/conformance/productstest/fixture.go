package productstest

import (
	"context"
	"crypto/rand"
	"database/sql"
	sqldriver "database/sql/driver"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/stdlib"
	"modernc.org/sqlite"
)

// pgEnv names the PostgreSQL server the suite also runs on, as a pgx URL
// (postgres://user@host:port/db?sslmode=disable); scripts/pg sets it.
const pgEnv = "KATA_PG_DSN"

// fixture is one new database loaded with the model's data, on its wire.
type fixture struct {
	kind string          // "sqlite" or "postgres"
	db   *sql.DB         // what the implementation is given, through wire
	wire *wire           // sees what reaches the database
	impl Impl            // the implementation under test
	ctx  context.Context // ends when the subtest does, or after a bound
}

// forEachDB runs check as a subtest on a new SQLite database, then on a new
// PostgreSQL schema if KATA_PG_DSN is set, each loaded with the model. It
// stops at the first database the implementation fails on.
func forEachDB(t *testing.T, impl Impl, check func(t *testing.T, f *fixture)) {
	t.Helper()
	kinds := []string{"sqlite"}
	if os.Getenv(pgEnv) != "" {
		kinds = append(kinds, "postgres")
	}
	for _, kind := range kinds {
		if !t.Run(kind, func(t *testing.T) { check(t, newFixture(t, kind, impl)) }) {
			return
		}
	}
}

// newFixture makes a new database of kind and loads the model into it. Its
// removal is registered with t.Cleanup.
func newFixture(t *testing.T, kind string, impl Impl) *fixture {
	t.Helper()
	// Every wait of a property ends with this ctx at the latest, well within
	// the harness's hang limit.
	ctx, cancel := context.WithTimeout(t.Context(), 15*time.Second)
	t.Cleanup(cancel)
	var c sqldriver.Connector
	var err error
	if kind == "sqlite" {
		c, err = connector(&sqlite.Driver{}, "file:"+filepath.Join(t.TempDir(), "products.db")+
			"?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)")
	} else {
		c, err = postgresSchema(t)
	}
	if err != nil {
		t.Fatalf("setting up the %s database: %v", kind, err)
	}
	raw := sql.OpenDB(c)
	defer raw.Close()
	if err := load(ctx, raw, kind); err != nil {
		t.Fatalf("loading the model into the %s database: %v", kind, err)
	}
	f := &fixture{kind: kind, wire: &wire{inner: c}, impl: impl, ctx: ctx}
	f.db = sql.OpenDB(f.wire)
	t.Cleanup(func() { f.db.Close() })
	return f
}

// postgresSchema creates a schema of a random name on the server of
// KATA_PG_DSN, and returns a connector whose connections work in it. The
// schema is dropped by t.Cleanup.
func postgresSchema(t *testing.T) (sqldriver.Connector, error) {
	dsn := os.Getenv(pgEnv)
	admin, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, err
	}
	schema := "kata_" + strings.ToLower(rand.Text())
	if _, err := admin.ExecContext(t.Context(), "CREATE SCHEMA "+schema); err != nil {
		admin.Close()
		return nil, fmt.Errorf("%s=%s: %w", pgEnv, dsn, err)
	}
	t.Cleanup(func() {
		defer admin.Close()
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if _, err := admin.ExecContext(ctx, "DROP SCHEMA "+schema+" CASCADE"); err != nil {
			t.Errorf("dropping the test schema %s: %v", schema, err)
		}
	})
	if u, err := url.Parse(dsn); err == nil && u.Scheme != "" {
		q := u.Query()
		q.Set("search_path", schema)
		u.RawQuery = q.Encode()
		dsn = u.String()
	} else {
		dsn += " search_path=" + schema
	}
	return connector(stdlib.GetDefaultDriver(), dsn)
}

// load creates the seed's tables and fills them with the model, in one
// transaction.
func load(ctx context.Context, db *sql.DB, kind string) (err error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tx.Rollback()
		}
	}()
	for _, stmt := range append(schema(kind), inserts()...) {
		if _, err := tx.ExecContext(ctx, stmt); err != nil {
			return fmt.Errorf("%.60s...: %w", stmt, err)
		}
	}
	if kind == "postgres" {
		// The brands were inserted with their ids; new ones come after.
		if _, err := tx.ExecContext(ctx, `SELECT setval(pg_get_serial_sequence('brand', 'brand_id'), (SELECT max(brand_id) FROM brand))`); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// schema is the seed's, as the kata's schema.go has it.
func schema(kind string) []string {
	id := "INTEGER PRIMARY KEY AUTOINCREMENT"
	if kind == "postgres" {
		id = "BIGSERIAL PRIMARY KEY"
	}
	return []string{
		`CREATE TABLE brand (brand_id ` + id + `, brand_name TEXT NOT NULL UNIQUE)`,
		`CREATE TABLE product (product_id ` + id + `, product_name TEXT NOT NULL, brand_id BIGINT NOT NULL REFERENCES brand(brand_id))`,
		`CREATE TABLE product_color (product_color_id ` + id + `, product_color_name TEXT NOT NULL)`,
		`CREATE TABLE product_size (product_size_id ` + id + `, product_size_name TEXT NOT NULL)`,
		`CREATE TABLE sku (sku_id ` + id + `, product_id BIGINT NOT NULL REFERENCES product(product_id),
			product_size_id BIGINT NOT NULL REFERENCES product_size(product_size_id),
			product_color_id BIGINT NOT NULL REFERENCES product_color(product_color_id))`,
	}
}
