package productstest

import (
	"context"
	"database/sql"
	sqldriver "database/sql/driver"
	"errors"
	"iter"

	"github.com/conckata/conckata/solutions/pool"
)

// plain is the simplest Store that could work, written apart from the
// reference: the peer runs it on database/sql's own pool (here), and the
// mutant base, in plain_test.go, on the pool kata's, with one bug switched
// on in each mutant.
type plain struct {
	bugs
	conns    leaser
	maxConns int
}

// bugs switches on known bugs in plain; the peer has none.
type bugs struct {
	noTransaction, noRollback, streamAllAtOnce, emptyLastFetch, leaseKeptOnNotFound,
	sequentialQueries, malformedID500, errorsAsNotFound, poolNotClosedOnShutdown bool
}

var errPlainNotFound = errors.New("plain: not found")

// leaser lends connections. done(err) gives one back: for reuse if err is
// nil or errPlainNotFound, else to be closed.
type leaser interface {
	get(ctx context.Context) (c *sql.Conn, done func(err error), err error)
	stats() pool.Stats
	close(ctx context.Context) error
}

// dbConns lends the connections of database/sql's own pool.
type dbConns struct{ db *sql.DB }

func newDBConns(ctx context.Context, db *sql.DB, minConns, maxConns int) (leaser, error) {
	db.SetMaxOpenConns(maxConns)
	db.SetMaxIdleConns(maxConns)
	var opened []*sql.Conn // the first minConns, left idle
	defer func() {
		for _, c := range opened {
			c.Close()
		}
	}()
	for range minConns {
		c, err := db.Conn(ctx)
		if err != nil {
			return nil, err
		}
		opened = append(opened, c)
	}
	return dbConns{db}, nil
}

func (c dbConns) get(ctx context.Context) (*sql.Conn, func(error), error) {
	conn, err := c.db.Conn(ctx)
	if err != nil {
		return nil, nil, err
	}
	return conn, func(err error) {
		if err != nil && !errors.Is(err, errPlainNotFound) {
			// ErrBadConn tells database/sql to close it, not keep it idle.
			conn.Raw(func(any) error { return sqldriver.ErrBadConn })
		}
		conn.Close()
	}, nil
}

func (c dbConns) stats() pool.Stats {
	s := c.db.Stats()
	return pool.Stats{Open: s.OpenConnections, Idle: s.Idle, InUse: s.InUse}
}

func (c dbConns) close(context.Context) error { return c.db.Close() }

func (s *plain) Stats() pool.Stats               { return s.conns.stats() }
func (s *plain) Close(ctx context.Context) error { return s.conns.close(ctx) }

// rows runs query on a leased connection and scans each row with scan.
func (s *plain) rows(ctx context.Context, scan func(*sql.Rows) error, query string, args ...any) error {
	c, done, err := s.conns.get(ctx)
	if err != nil {
		return err
	}
	rows, err := c.QueryContext(ctx, query, args...)
	if err == nil {
		for err == nil && rows.Next() {
			err = scan(rows)
		}
		rows.Close()
		err = errors.Join(err, rows.Err())
	}
	done(err)
	return err
}

func (s *plain) Brands(ctx context.Context) ([]Brand, error) {
	var bs []Brand
	err := s.rows(ctx, func(r *sql.Rows) error {
		bs = append(bs, Brand{})
		return r.Scan(&bs[len(bs)-1].ID, &bs[len(bs)-1].Name)
	}, `SELECT brand_id, brand_name FROM brand ORDER BY brand_id`)
	return bs, err
}

func (s *plain) Product(ctx context.Context, id int) (Product, error) {
	c, done, err := s.conns.get(ctx)
	if err != nil {
		return Product{}, err
	}
	var p Product
	err = c.QueryRowContext(ctx, `SELECT product_id, product_name, brand_id FROM product WHERE product_id = $1`, id).Scan(&p.ID, &p.Name, &p.BrandID)
	if errors.Is(err, sql.ErrNoRows) {
		if !s.leaseKeptOnNotFound {
			done(errPlainNotFound)
		}
		return Product{}, errPlainNotFound
	}
	done(err)
	return p, err
}

func (s *plain) SKUs(ctx context.Context, productID int) ([]SKU, error) {
	var skus []SKU
	err := s.rows(ctx, func(r *sql.Rows) error {
		var k SKU
		err := r.Scan(&k.ProductID, &k.ProductName, &k.BrandID, &k.SKUID, &k.Color, &k.Size)
		skus = append(skus, k)
		return err
	}, `SELECT p.product_id, p.product_name, p.brand_id, s.sku_id, pc.product_color_name, ps.product_size_name
		FROM product p JOIN sku s ON s.product_id = p.product_id
		JOIN product_color pc ON pc.product_color_id = s.product_color_id
		JOIN product_size ps ON ps.product_size_id = s.product_size_id
		WHERE p.product_id = $1 ORDER BY s.sku_id`, productID)
	return skus, err
}

// SKUsConcurrently starts a goroutine per id and collects the first error.
func (s *plain) SKUsConcurrently(ctx context.Context, productIDs []int) ([][]SKU, error) {
	out := make([][]SKU, len(productIDs))
	errs := make([]error, len(productIDs))
	if s.sequentialQueries {
		for i, id := range productIDs {
			out[i], errs[i] = s.SKUs(ctx, id)
		}
		return out, errors.Join(errs...)
	}
	done := make(chan struct{})
	for i, id := range productIDs {
		go func() {
			out[i], errs[i] = s.SKUs(ctx, id)
			done <- struct{}{}
		}()
	}
	for range productIDs {
		<-done
	}
	return out, errors.Join(errs...)
}

func (s *plain) InsertBrands(ctx context.Context, names []string) error {
	c, done, err := s.conns.get(ctx)
	if err != nil {
		return err
	}
	if s.noTransaction {
		for _, n := range names {
			if _, err := c.ExecContext(ctx, `INSERT INTO brand (brand_name) VALUES ($1)`, n); err != nil {
				done(err)
				return err
			}
		}
		done(nil)
		return nil
	}
	tx, err := c.BeginTx(ctx, nil)
	if err == nil {
		for _, n := range names {
			if _, err = tx.ExecContext(ctx, `INSERT INTO brand (brand_name) VALUES ($1)`, n); err != nil {
				if s.noRollback {
					done(nil)
					return err
				}
				tx.Rollback()
				break
			}
		}
	}
	if err == nil {
		err = tx.Commit()
	}
	done(err)
	return err
}

func (s *plain) StreamProducts(ctx context.Context, batch int) iter.Seq2[Product, error] {
	if batch < 1 {
		panic("products: batch < 1")
	}
	limit := batch + 1
	switch {
	case s.streamAllAtOnce:
		limit = 1 << 30
	case s.emptyLastFetch:
		limit = batch
	}
	return func(yield func(Product, error) bool) {
		for after := 0; ; {
			var page []Product
			err := s.rows(ctx, func(r *sql.Rows) error {
				page = append(page, Product{})
				p := &page[len(page)-1]
				return r.Scan(&p.ID, &p.Name, &p.BrandID)
			}, `SELECT product_id, product_name, brand_id FROM product WHERE product_id > $1 ORDER BY product_id LIMIT $2`, after, limit)
			if err != nil {
				yield(Product{}, err)
				return
			}
			for i, p := range page {
				if i == batch && !s.streamAllAtOnce {
					break
				}
				if !yield(p, nil) {
					return
				}
				after = p.ID
			}
			if len(page) < limit || s.streamAllAtOnce {
				return
			}
		}
	}
}
