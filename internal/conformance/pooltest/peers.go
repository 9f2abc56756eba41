package pooltest

import (
	"context"
	"sync/atomic"

	"github.com/conckata/conckata/internal/harness"
	"github.com/jackc/puddle/v2"
)

// Peers returns the pool kata's peers: jackc/puddle/v2, the pool under pgx.
func Peers() []harness.Peer[Impl] {
	return []harness.Peer[Impl]{{
		Name: "puddle",
		Impl: Impl{New: NewPuddle, ErrClosed: puddle.ErrClosedPool},
		Skip: map[string]string{
			"invalid-config-panics":      "puddle.NewPool returns an error for MaxSize < 1 rather than panicking, and has no MinSize to check",
			"release-twice-panics":       `puddle panics on a second Release or Destroy, but with its own message ("tried to release resource that is not acquired"), not "pool: ..."`,
			"destroy-closes-and-refills": "puddle has no MinSize: Destroy frees the slot, and nothing opens a resource until an Acquire needs one",
			"matches-model":              "the model refills to MinSize after Destroy, and puddle has no MinSize",
			"close-wakes-waiters":        "puddle's Close does not wake the waiting Acquire calls: each gets ErrClosedPool only when a lease comes back and frees its semaphore slot",
			"linearizable":               "puddle commits an Acquire when its semaphore grants a slot, and only then takes an idle resource (or the result of the Open it starts) and counts it in AcquireCount: an Acquire cancelled in between returns a resource released after its cancellation, and Stats lags; the model places a lease at the instant its resource is taken",
		},
	}}
}

// puddlePool adapts puddle.Pool[int]. puddle has no MinSize: the adapter's
// New opens MinSize resources with CreateResource. puddle's Close takes no
// ctx: the adapter's Close runs it in a goroutine that outlives a ctx that
// ends first, until the leases come back. Opened and Closed are counted
// around the constructor and destructor, and Waiting counts the Acquire
// calls in flight, which is exact whenever the bubble is idle.
type puddlePool struct {
	p                       *puddle.Pool[int]
	waiting, opened, closed atomic.Int64
}

// NewPuddle returns a jackc/puddle/v2 pool as a Pool.
func NewPuddle(ctx context.Context, cfg Config) (Pool, error) {
	a := &puddlePool{}
	p, err := puddle.NewPool(&puddle.Config[int]{
		Constructor: func(ctx context.Context) (int, error) {
			r, err := cfg.Open(ctx)
			if err == nil {
				a.opened.Add(1)
			}
			return r, err
		},
		Destructor: func(r int) {
			if cfg.Close != nil {
				cfg.Close(r)
			}
			a.closed.Add(1)
		},
		MaxSize: int32(cfg.MaxSize),
	})
	if err != nil {
		return nil, err
	}
	a.p = p
	for range cfg.MinSize {
		if err := p.CreateResource(ctx); err != nil {
			p.Close()
			return nil, err
		}
	}
	return a, nil
}

func (a *puddlePool) Acquire(ctx context.Context) (Lease, error) {
	a.waiting.Add(1)
	defer a.waiting.Add(-1)
	res, err := a.p.Acquire(ctx)
	if err != nil {
		return nil, err
	}
	return puddleLease{res}, nil
}

func (a *puddlePool) Close(ctx context.Context) error {
	done := make(chan struct{})
	go func() {
		defer close(done)
		a.p.Close()
	}()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (a *puddlePool) Stats() Stats {
	s := a.p.Stat()
	return Stats{
		Open:     int(s.IdleResources() + s.AcquiredResources()),
		Idle:     int(s.IdleResources()),
		InUse:    int(s.AcquiredResources()),
		Waiting:  int(a.waiting.Load()),
		Opened:   a.opened.Load(),
		Closed:   a.closed.Load(),
		Acquires: s.AcquireCount(),
	}
}

type puddleLease struct{ res *puddle.Resource[int] }

func (l puddleLease) Value() int { return l.res.Value() }
func (l puddleLease) Release()   { l.res.Release() }
func (l puddleLease) Destroy()   { l.res.Destroy() }
