package productstest

import (
	"context"
	"database/sql/driver"
	"errors"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/conckata/conckata/internal/gate"
)

// errDown is what every connection and query gets while the database is down.
var errDown = errors.New("productstest: the database is down (connection refused)")

// wire sits between database/sql and the real driver, and sees every
// connection and query that reaches the database.
type wire struct {
	inner driver.Connector

	queries atomic.Int64 // statements that return rows, sent to the database
	opened  atomic.Int64 // connections opened, since the wire was made
	closed  atomic.Int64 // connections closed
	maxOpen atomic.Int64 // the most connections open at one time
	down    atomic.Bool  // every connect and statement fails with errDown

	mu   sync.Mutex // protects hold
	hold *gate.Gate // holds the join queries; nil if none are held
}

// open returns the connections open now.
func (w *wire) open() int64 { return w.opened.Load() - w.closed.Load() }

// holdJoins holds every query with a JOIN until n are held at once, the
// proof that n queries are in flight at the same time. Call the returned
// release to let them go and stop holding.
func (w *wire) holdJoins(n int) (full <-chan struct{}, release func()) {
	g := gate.New(false)
	full = g.Full(n)
	w.mu.Lock()
	w.hold = g
	w.mu.Unlock()
	return full, sync.OnceFunc(func() {
		w.mu.Lock()
		w.hold = nil
		w.mu.Unlock()
		g.Open()
	})
}

// wait holds query if it is a join and joins are being held.
func (w *wire) wait(ctx context.Context, query string) error {
	if !strings.Contains(strings.ToUpper(query), "JOIN") {
		return nil
	}
	w.mu.Lock()
	g := w.hold
	w.mu.Unlock()
	if g == nil {
		return nil
	}
	return g.Hold(ctx)
}

func (w *wire) Driver() driver.Driver { return w.inner.Driver() }

func (w *wire) Connect(ctx context.Context) (driver.Conn, error) {
	if w.down.Load() {
		return nil, errDown
	}
	c, err := w.inner.Connect(ctx)
	if err != nil {
		return nil, err
	}
	n := w.opened.Add(1) - w.closed.Load()
	for m := w.maxOpen.Load(); n > m && !w.maxOpen.CompareAndSwap(m, n); m = w.maxOpen.Load() {
	}
	return &wireConn{Conn: c, w: w}, nil
}

// wireConn is a connection of the wire. It passes every call on to the
// real connection, which must implement the context forms of the calls (as
// modernc.org/sqlite's and pgx's do).
type wireConn struct {
	driver.Conn
	w *wire
}

func (c *wireConn) Close() error {
	c.w.closed.Add(1)
	return c.Conn.Close()
}

func (c *wireConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	if c.w.down.Load() {
		return nil, errDown
	}
	if err := c.w.wait(ctx, query); err != nil {
		return nil, err
	}
	c.w.queries.Add(1)
	return c.Conn.(driver.QueryerContext).QueryContext(ctx, query, args)
}

func (c *wireConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	if c.w.down.Load() {
		return nil, errDown
	}
	return c.Conn.(driver.ExecerContext).ExecContext(ctx, query, args)
}

func (c *wireConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	if c.w.down.Load() {
		return nil, errDown
	}
	s, err := c.Conn.(driver.ConnPrepareContext).PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	return &wireStmt{Stmt: s, conn: c, query: query}, nil
}

func (c *wireConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	if c.w.down.Load() {
		return nil, errDown
	}
	return c.Conn.(driver.ConnBeginTx).BeginTx(ctx, opts)
}

// CheckNamedValue lets the real driver convert arguments its own way (pgx
// takes more types than database/sql's defaults).
func (c *wireConn) CheckNamedValue(v *driver.NamedValue) error {
	if ch, ok := c.Conn.(driver.NamedValueChecker); ok {
		return ch.CheckNamedValue(v)
	}
	return driver.ErrSkip
}

func (c *wireConn) ResetSession(ctx context.Context) error {
	if c.w.down.Load() {
		return driver.ErrBadConn
	}
	if r, ok := c.Conn.(driver.SessionResetter); ok {
		return r.ResetSession(ctx)
	}
	return nil
}

// wireStmt is a prepared statement of the wire: its queries count too.
type wireStmt struct {
	driver.Stmt
	conn  *wireConn
	query string
}

func (s *wireStmt) QueryContext(ctx context.Context, args []driver.NamedValue) (driver.Rows, error) {
	if s.conn.w.down.Load() {
		return nil, errDown
	}
	if err := s.conn.w.wait(ctx, s.query); err != nil {
		return nil, err
	}
	s.conn.w.queries.Add(1)
	return s.Stmt.(driver.StmtQueryContext).QueryContext(ctx, args)
}

func (s *wireStmt) ExecContext(ctx context.Context, args []driver.NamedValue) (driver.Result, error) {
	if s.conn.w.down.Load() {
		return nil, errDown
	}
	return s.Stmt.(driver.StmtExecContext).ExecContext(ctx, args)
}

// dsnConnector is a driver.Connector for a driver without one.
type dsnConnector struct {
	dsn string
	drv driver.Driver
}

func (c dsnConnector) Connect(context.Context) (driver.Conn, error) { return c.drv.Open(c.dsn) }
func (c dsnConnector) Driver() driver.Driver                        { return c.drv }

// connector returns drv's connector for dsn.
func connector(drv driver.Driver, dsn string) (driver.Connector, error) {
	if dc, ok := drv.(driver.DriverContext); ok {
		return dc.OpenConnector(dsn)
	}
	return dsnConnector{dsn, drv}, nil
}
