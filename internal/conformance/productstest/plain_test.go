package productstest

import (
	"context"
	"database/sql"
	"errors"

	"github.com/conckata/conckata/solutions/pool"
)

// mutant is the mutant base, plain with the bugs of b switched on, run on the
// pool kata's pool (the reference's) rather than the peer's database/sql
// pool, so that the mutants are caught for their own bugs in the pool the
// kata uses.
func mutant(b bugs) Impl { return plainImpl(b, newPoolConns) }

// poolConns lends the connections of a pool kata's pool.
type poolConns struct{ p *pool.Pool[*sql.Conn] }

func newPoolConns(ctx context.Context, db *sql.DB, minConns, maxConns int) (leaser, error) {
	db.SetMaxIdleConns(0)
	p, err := pool.New(ctx, pool.Config[*sql.Conn]{MinSize: minConns, MaxSize: maxConns, Open: db.Conn, Close: (*sql.Conn).Close})
	return poolConns{p}, err
}

func (c poolConns) get(ctx context.Context) (*sql.Conn, func(error), error) {
	l, err := c.p.Acquire(ctx)
	if err != nil {
		return nil, nil, err
	}
	return l.Value(), func(err error) {
		if err == nil || errors.Is(err, errPlainNotFound) {
			l.Release()
		} else {
			l.Destroy()
		}
	}, nil
}

func (c poolConns) stats() pool.Stats               { return c.p.Stats() }
func (c poolConns) close(ctx context.Context) error { return c.p.Close(ctx) }
