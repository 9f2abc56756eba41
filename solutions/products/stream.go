package products

import (
	"context"
	"database/sql"
	"iter"
)

// pageQuery reads the products after a given id: keyset pagination, which
// both databases run the same way and which holds no server-side state
// between batches.
const pageQuery = `SELECT product_id, product_name, brand_id FROM product
	WHERE product_id > $1 ORDER BY product_id LIMIT $2`

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
	if batch < 1 {
		panic("products: StreamProducts batch must be at least 1")
	}
	return func(yield func(Product, error) bool) {
		after := 0 // ids start at 1
		for {
			page, err := s.fetch(ctx, after, batch+1)
			if err != nil {
				yield(Product{}, err)
				return
			}
			more := len(page) > batch
			page = page[:min(len(page), batch)]
			for _, p := range page {
				if !yield(p, nil) {
					return
				}
			}
			if !more {
				return
			}
			after = page[len(page)-1].ID
		}
	}
}

// fetch reads up to limit products after the id after, in one query.
func (s *Store) fetch(ctx context.Context, after, limit int) ([]Product, error) {
	page := make([]Product, 0, limit)
	err := s.withConn(ctx, func(c *sql.Conn) error {
		rows, err := c.QueryContext(ctx, pageQuery, after, limit)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var p Product
			if err := rows.Scan(&p.ID, &p.Name, &p.BrandID); err != nil {
				return err
			}
			page = append(page, p)
		}
		return rows.Err()
	})
	return page, err
}
