package main

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/conckata/conckata/solutions/products"
)

// prepare creates the seed's tables where they are missing and, in a
// database with no brands yet, generates n products.
func prepare(ctx context.Context, db *sql.DB, dialect products.Dialect, n int) error {
	if err := products.Migrate(ctx, db, dialect); err != nil {
		return err
	}
	var brands int
	if err := db.QueryRowContext(ctx, `SELECT COUNT(*) FROM brand`).Scan(&brands); err != nil {
		return fmt.Errorf("products: counting brands: %w", err)
	}
	if brands > 0 {
		return nil
	}
	return products.Seed(ctx, db, n)
}
