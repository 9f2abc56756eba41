package bench

import (
	"fmt"
	"strconv"
)

// Role is what an implementation is in a kata's benchmark.
type Role int

const (
	// Reference is the kata's reference solution (counter has three).
	Reference Role = iota
	// Peer is a well-known implementation the reference is measured
	// against: a library, or the textbook form.
	Peer
	// Floor is a lower bound that is not a peer: it does less than the
	// kata asks (it cannot be cancelled, it is not stable, ...).
	Floor
	// Yours is the learner's kata, measured once it stops panicking.
	Yours
)

// Impl is one implementation that a kata's benchmark measures as
// impl=NAME.
type Impl struct {
	Name string
	Role Role
	What string // what it is, for the reader: "x/sync semaphore.Weighted"
	// Of is, for an implementation of role Yours, the Reference one it is
	// measured against.
	Of string
}

// Goal is a target the project has set for one implementation against
// another: Impl's median at most Max times Than's, in Unit. Max 1 is "no
// slower than", 0.5 "at least twice as fast as".
type Goal struct {
	Impl  string  // the implementation held to the goal: "reference"
	Than  string  // the one it is measured against: "weighted"
	Op    string  // the op=OP it applies to; "" for every op
	Procs int     // the GOMAXPROCS it applies to; 0 for every -cpu measured
	Unit  string  // the unit compared, as benchfmt names it; "" for sec/op
	Max   float64 // the largest ratio Impl/Than that meets the goal
}

// Kata is one kata's benchmark: its implementations, in the order the
// benchmark runs them, and the goals set for them.
type Kata struct {
	Name      string // the kata: katas/NAME, docs/katas/NAME.md
	Benchmark string // its benchmark function, less "Benchmark": "Semaphore"
	Impls     []Impl
	Goals     []Goal
}

// Katas lists every kata's benchmark, in teaching order. Each kata's page
// (docs/katas/NAME.md) says what its benchmark measures; the goals are
// declared here only, and docs/benchmarks.md reports them.
var Katas = []Kata{
	{"event", "Event", []Impl{
		{"reference", Reference, "the reference solution", ""},
		{"cond", Peer, "a flag and a sync.Cond woken by context.AfterFunc", ""},
		{"kata", Yours, "katas/event", "reference"},
	}, nil},
	{"lock", "Lock", []Impl{
		{"reference", Reference, "the reference solution", ""},
		{"sync-mutex", Floor, "sync.Mutex: cannot be cancelled, lets newcomers barge", ""},
		{"weighted", Peer, "x/sync semaphore.Weighted(1)", ""},
		{"channel", Peer, "a channel of capacity 1", ""},
		{"kata", Yours, "katas/lock", "reference"},
	}, []Goal{
		{Impl: "reference", Than: "sync-mutex", Op: "uncontended", Max: 1.5},
		{Impl: "reference", Than: "channel", Op: "contended", Max: 1},
	}},
	{"semaphore", "Semaphore", []Impl{
		{"reference", Reference, "the reference solution", ""},
		{"weighted", Peer, "x/sync semaphore.Weighted", ""},
		{"channel", Peer, "a buffered channel", ""},
		{"kata", Yours, "katas/semaphore", "reference"},
	}, []Goal{
		{Impl: "reference", Than: "weighted", Max: 1},
	}},
	{"task", "Task", []Impl{
		{"reference", Reference, "the reference solution", ""},
		{"goroutine-channel", Floor, "a bare goroutine and a result channel: no panic recovery", ""},
		{"conc-try", Peer, "a hand-made task with conc's panics.Try", ""},
		{"kata", Yours, "katas/task", "reference"},
	}, nil},
	{"shield", "Shield", []Impl{
		{"reference", Reference, "the reference solution", ""},
		{"without-cancel", Peer, "context.WithoutCancel", ""},
		{"kata", Yours, "katas/shield", "reference"},
	}, nil},
	{"gather", "Gather", []Impl{
		{"reference", Reference, "the reference solution", ""},
		{"errgroup", Peer, "x/sync errgroup.WithContext", ""},
		{"conc-pool", Peer, "conc's ResultContextPool", ""},
		{"kata", Yours, "katas/gather", "reference"},
	}, []Goal{
		{Impl: "reference", Than: "errgroup", Unit: "sec/fn", Max: 1.2},
	}},
	{"ascompleted", "AsCompleted", []Impl{
		{"reference", Reference, "the reference solution", ""},
		{"conc-pool", Peer, "conc's ContextPool feeding a channel", ""},
		{"fanin", Floor, "a goroutine per function and a channel: no ctx, no recovery", ""},
		{"kata", Yours, "katas/ascompleted", "reference"},
	}, nil},
	{"wait", "Wait", []Impl{
		{"reference", Reference, "the reference solution", ""},
		{"reflect-select", Peer, "reflect.Select over the Done channels", ""},
		{"kata", Yours, "katas/wait", "reference"},
	}, nil},
	{"queue", "Queue", []Impl{
		{"reference", Reference, "the reference solution", ""},
		{"channel", Peer, "a buffered channel with a select on ctx.Done", ""},
		{"bare-channel", Floor, "a buffered channel: cannot be cancelled", ""},
		{"heap-mutex", Floor, "container/heap under a sync.Mutex: not stable, never waits", ""},
		{"kata", Yours, "katas/queue", "reference"},
	}, []Goal{
		{Impl: "reference", Than: "channel", Op: "fifo", Max: 2},
		{Impl: "reference", Than: "heap-mutex", Op: "priority", Max: 1.2},
	}},
	{"counter", "Counter", []Impl{
		{"mutex", Reference, "the reference's Mutex", ""},
		{"atomic", Reference, "the reference's Atomic", ""},
		{"sharded", Reference, "the reference's Sharded", ""},
		{"atomic-int64", Peer, "sync/atomic Int64", ""},
		{"xsync-counter", Peer, "xsync.Counter", ""},
		{"kata-mutex", Yours, "katas/counter's Mutex", "mutex"},
		{"kata-atomic", Yours, "katas/counter's Atomic", "atomic"},
		{"kata-sharded", Yours, "katas/counter's Sharded", "sharded"},
	}, []Goal{
		{Impl: "sharded", Than: "xsync-counter", Max: 1},
	}},
	{"executor", "Executor", []Impl{
		{"reference", Reference, "the reference solution", ""},
		{"conc-iter", Peer, "conc/iter Mapper.MapErr", ""},
		{"errgroup", Peer, "x/sync errgroup with SetLimit", ""},
		{"kata", Yours, "katas/executor", "reference"},
	}, []Goal{
		{Impl: "reference", Than: "conc-iter", Op: "map", Max: 1},
	}},
	{"mapreduce", "MapReduce", []Impl{
		{"reference", Reference, "the reference solution, GOMAXPROCS workers", ""},
		{"reference-1-worker", Reference, "the reference solution, one worker", ""},
		{"sequential", Peer, "one goroutine and a map", ""},
		{"kata", Yours, "katas/mapreduce", "reference"},
	}, []Goal{
		{Impl: "reference", Than: "sequential", Procs: 2, Max: 1 / 1.7},
	}},
	{"pool", "Pool", []Impl{
		{"reference", Reference, "the reference solution", ""},
		{"puddle", Peer, "jackc/puddle/v2", ""},
		{"kata", Yours, "katas/pool", "reference"},
	}, []Goal{
		{Impl: "reference", Than: "puddle", Op: "contended", Max: 0.5},
	}},
	{"products", "Products", []Impl{
		{"reference", Reference, "the reference solution", ""},
		{"database-sql-pool", Peer, "database/sql's own pool", ""},
		{"kata", Yours, "katas/products", "reference"},
	}, nil},
	{"breaker", "Breaker", []Impl{
		{"reference", Reference, "the reference solution", ""},
		{"gobreaker", Peer, "sony/gobreaker/v2", ""},
		{"kata", Yours, "katas/breaker", "reference"},
	}, []Goal{
		{Impl: "reference", Than: "gobreaker", Op: "closed", Max: 1},
	}},
	{"echo", "Echo", []Impl{
		{"reference", Reference, "the reference solution", ""},
		{"io-copy", Peer, "a goroutine per connection running io.Copy(conn, conn)", ""},
		{"kata", Yours, "katas/echo", "reference"},
	}, []Goal{
		// op=bulk has none: there io.Copy(conn, conn) may splice(2) from
		// socket to socket in the kernel, which a user-space buffer cannot.
		{Impl: "reference", Than: "io-copy", Op: "roundtrip", Max: 1.1},
		{Impl: "reference", Than: "io-copy", Op: "parallel", Max: 1.1},
	}},
	{"fetch", "Fetch", []Impl{
		{"reference", Reference, "the reference solution", ""},
		{"errgroup", Peer, "x/sync errgroup with SetLimit", ""},
		{"conc-pool", Peer, "conc's Pool WithMaxGoroutines", ""},
		{"kata", Yours, "katas/fetch", "reference"},
	}, []Goal{
		{Impl: "reference", Than: "errgroup", Max: 1},
	}},
	{"bff", "Bff", []Impl{
		{"reference", Reference, "the reference solution", ""},
		{"errgroup", Floor, "x/sync errgroup fan-out with a timeout per call: no circuit breaker", ""},
		{"kata", Yours, "katas/bff", "reference"},
	}, nil},
	{"subprocess", "Subprocess", []Impl{
		{"reference", Reference, "the reference solution", ""},
		{"communicate", Floor, "exec.Cmd.Output with every input at once: no dialogue, no cancellation", ""},
		{"kata", Yours, "katas/subprocess", "reference"},
	}, nil},
}

// KataNamed returns the benchmark of the kata called name, or false if it
// has none.
func KataNamed(name string) (Kata, bool) {
	for _, k := range Katas {
		if k.Name == name {
			return k, true
		}
	}
	return Kata{}, false
}

// Impl returns k's implementation called name, or false if k has none.
func (k Kata) Impl(name string) (Impl, bool) {
	for _, im := range k.Impls {
		if im.Name == name {
			return im, true
		}
	}
	return Impl{}, false
}

// Metric returns the unit g compares: Unit, or sec/op.
func (g Goal) Metric() string {
	if g.Unit == "" {
		return "sec/op"
	}
	return g.Unit
}

// String says what g asks and where it applies, as the report's summary
// shows it: "reference at least 2x as fast as puddle, op=contended".
func (g Goal) String() string {
	s := g.Target()
	if g.Op != "" {
		s += ", op=" + g.Op
	}
	if g.Procs != 0 {
		s += ", -cpu " + strconv.Itoa(g.Procs)
	}
	return s
}

// Target says what g asks, without where it applies: "reference at least
// 2x as fast as puddle".
func (g Goal) Target() string {
	var s string
	switch {
	case g.Max < 1:
		s = fmt.Sprintf("%s at least %sx as fast as %s", g.Impl, ratio(1/g.Max), g.Than)
	case g.Max == 1:
		s = fmt.Sprintf("%s no slower than %s", g.Impl, g.Than)
	default:
		s = fmt.Sprintf("%s within %sx %s's time", g.Impl, ratio(g.Max), g.Than)
	}
	if g.Unit != "" {
		s += " in " + g.Unit
	}
	return s
}

// ratio formats a goal's factor: 2, 1.5, 1.7.
func ratio(x float64) string { return strconv.FormatFloat(x, 'g', 3, 64) }
