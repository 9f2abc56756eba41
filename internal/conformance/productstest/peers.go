package productstest

import "github.com/conckata/conckata/internal/harness"

// Peers returns the products kata's peer: the same service on database/sql's
// own connection pool (SetMaxOpenConns, SetMaxIdleConns) instead of the pool
// kata's, the pool most Go services use. Its Stats are database/sql's
// DBStats (OpenConnections, Idle, InUse).
func Peers() []harness.Peer[Impl] {
	return []harness.Peer[Impl]{{Name: "database-sql-pool", Impl: plainImpl(bugs{}, newDBConns)}}
}
