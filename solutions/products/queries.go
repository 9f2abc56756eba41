package products

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"golang.org/x/sync/errgroup"
)

// The queries are the same on SQLite and PostgreSQL: both read $1 as the
// first argument.
const (
	brandsQuery  = `SELECT brand_id, brand_name FROM brand ORDER BY brand_id`
	productQuery = `SELECT product_id, product_name, brand_id FROM product WHERE product_id = $1`
	// skusQuery is the seed's join query, ordered so that results compare.
	skusQuery = `SELECT p.product_id, p.product_name, p.brand_id, s.sku_id, pc.product_color_name, ps.product_size_name
		FROM product p
		JOIN sku s ON s.product_id = p.product_id
		JOIN product_color pc ON pc.product_color_id = s.product_color_id
		JOIN product_size ps ON ps.product_size_id = s.product_size_id
		WHERE p.product_id = $1
		ORDER BY s.sku_id`
	insertBrand = `INSERT INTO brand (brand_name) VALUES ($1)`
)

// Brands returns every brand, by id.
func (s *Store) Brands(ctx context.Context) ([]Brand, error) {
	var brands []Brand
	err := s.withConn(ctx, func(c *sql.Conn) error {
		rows, err := c.QueryContext(ctx, brandsQuery)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var b Brand
			if err := rows.Scan(&b.ID, &b.Name); err != nil {
				return err
			}
			brands = append(brands, b)
		}
		return rows.Err()
	})
	return brands, err
}

// Product returns the product with the given id, or an error wrapping
// ErrNotFound if there is none.
func (s *Store) Product(ctx context.Context, id int) (Product, error) {
	var p Product
	err := s.withConn(ctx, func(c *sql.Conn) error {
		err := c.QueryRowContext(ctx, productQuery, id).Scan(&p.ID, &p.Name, &p.BrandID)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("products: product %d: %w", id, ErrNotFound)
		}
		return err
	})
	return p, err
}

// SKUs runs the seed's join query for one product: its SKUs, by id, none
// for a product that does not exist.
func (s *Store) SKUs(ctx context.Context, productID int) ([]SKU, error) {
	var skus []SKU
	err := s.withConn(ctx, func(c *sql.Conn) error {
		rows, err := c.QueryContext(ctx, skusQuery, productID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var k SKU
			if err := rows.Scan(&k.ProductID, &k.ProductName, &k.BrandID, &k.SKUID, &k.Color, &k.Size); err != nil {
				return err
			}
			skus = append(skus, k)
		}
		return rows.Err()
	})
	return skus, err
}

// SKUsConcurrently runs SKUs for every id at once, each query on a
// connection of its own, and returns the results in the order of the ids:
// asyncio.gather over the pool. As many queries run at a time as the pool
// has connections. The first error cancels the queries still running and
// is returned once they have all returned.
func (s *Store) SKUsConcurrently(ctx context.Context, productIDs []int) ([][]SKU, error) {
	results := make([][]SKU, len(productIDs))
	g, ctx := errgroup.WithContext(ctx)
	// More goroutines than connections would only queue in Acquire.
	g.SetLimit(s.maxConns)
	for i, id := range productIDs {
		g.Go(func() (err error) {
			results[i], err = s.SKUs(ctx, id)
			return err
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	return results, nil
}

// InsertBrands inserts a brand for each name in one transaction: all of
// them, or, if any insert fails (a name already taken), none.
func (s *Store) InsertBrands(ctx context.Context, names []string) error {
	return s.withConn(ctx, func(c *sql.Conn) error {
		tx, err := c.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		for _, name := range names {
			if _, err := tx.ExecContext(ctx, insertBrand, name); err != nil {
				// The error that matters is the insert's; a failed
				// rollback also ends in Destroy, which closes the
				// connection and so the transaction.
				tx.Rollback()
				return fmt.Errorf("products: insert brand %q: %w", name, err)
			}
		}
		return tx.Commit()
	})
}
