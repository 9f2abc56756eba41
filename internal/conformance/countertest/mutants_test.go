package countertest

import "github.com/conckata/conckata/internal/harness"

// mutants are the known counter bugs, each one switch on plain counters.
var mutants = []harness.Mutant[Impl]{
	{Name: "plain-increment", Bug: "Add is a plain n += delta: concurrent Adds race and lose updates (the seed's Value without its lock)", Impl: mutant(bugs{plainIncrement: true})},
	{Name: "load-without-synchronisation", Bug: "Load reads the locked value without taking the lock: a data race, and a Load may see a stale value", Impl: mutant(bugs{unlockedLoad: true})},
	{Name: "sharded-reads-one-shard", Bug: "the sharded Load returns its first shard instead of the sum of all", Impl: mutant(bugs{oneShardLoad: true})},
	{Name: "shard-index-from-current-gomaxprocs", Bug: "the shard count is fixed at first use, but Add picks a shard modulo the current GOMAXPROCS, out of range once it is raised (puzpuzpuz/xsync#74)", Impl: mutant(bugs{indexByGOMAXPROCS: true})},
}
