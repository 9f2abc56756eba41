package productstest

import "github.com/conckata/conckata/internal/harness"

// mutants are the known bugs of the seed's service, each one switch on
// plain, run on the pool kata's pool.
var mutants = []harness.Mutant[Impl]{
	{Name: "no-transaction", Bug: "InsertBrands runs each INSERT on its own, so a failure half-way leaves the first brands in (the seed's inserts without async with connection.transaction())", Impl: mutant(bugs{noTransaction: true})},
	{Name: "no-rollback", Bug: "InsertBrands returns on a failed INSERT without rolling back, and releases the connection with its transaction still open to the next caller", Impl: mutant(bugs{noRollback: true})},
	{Name: "stream-all-at-once", Bug: "StreamProducts reads every row in one query, as fetch() does, instead of one batch per query as a cursor with prefetch does", Impl: mutant(bugs{streamAllAtOnce: true})},
	{Name: "empty-last-fetch", Bug: "StreamProducts stops only on a short batch, so a table whose size is a multiple of the batch costs one more query, which returns nothing", Impl: mutant(bugs{emptyLastFetch: true})},
	{Name: "lease-kept-on-not-found", Bug: "Product returns ErrNotFound without releasing its connection, so each 404 takes one out of the pool for good (a pool.acquire() without async with)", Impl: mutant(bugs{leaseKeptOnNotFound: true})},
	{Name: "sequential-queries", Bug: "SKUsConcurrently runs the queries one after another, as awaiting each in turn does instead of asyncio.gather", Impl: mutant(bugs{sequentialQueries: true})},
	{Name: "malformed-id-500", Bug: "a product id that is not an integer answers 500, the client's mistake reported as the server's", Impl: mutant(bugs{malformedID500: true})},
	{Name: "errors-as-not-found", Bug: "every error of the database answers 404, so a database that is down looks like a product that does not exist", Impl: mutant(bugs{errorsAsNotFound: true})},
	{Name: "pool-not-closed-on-shutdown", Bug: "Shutdown stops the HTTP server but never closes the pool, so its connections stay open (an aiohttp app without its on_cleanup hook)", Impl: mutant(bugs{poolNotClosedOnShutdown: true})},
}
