package bench

import (
	"context"
	"testing"

	kata "github.com/conckata/conckata/katas/pool"
	"github.com/conckata/conckata/solutions/pool"
	"github.com/jackc/puddle/v2"
)

// warmSize is the size of the pools measured: MaxSize 4, all 4 open.
const warmSize = 4

// leasePool is one pool under measurement, behind a single method per
// operation, so that every implementation pays the same one interface call
// and no adapter (the suite's puddle peer counts its waiters) is measured.
type leasePool interface {
	acquireRelease(ctx context.Context) error
	close()
}

func openInt(context.Context) (int, error) { return 1, nil }

var pools = []impl[leasePool]{
	{"reference", func() leasePool {
		p, err := pool.New(context.Background(), pool.Config[int]{MinSize: warmSize, MaxSize: warmSize, Open: openInt})
		if err != nil {
			panic(err)
		}
		return referencePool{p}
	}},
	{"puddle", func() leasePool {
		p, err := puddle.NewPool(&puddle.Config[int]{Constructor: openInt, Destructor: func(int) {}, MaxSize: warmSize})
		if err != nil {
			panic(err)
		}
		for range warmSize {
			if err := p.CreateResource(context.Background()); err != nil {
				panic(err)
			}
		}
		return puddlePool{p}
	}},
	{"kata", func() leasePool {
		p, err := kata.New(context.Background(), kata.Config[int]{MinSize: warmSize, MaxSize: warmSize, Open: openInt})
		if err != nil {
			panic(err)
		}
		return kataPool{p}
	}},
}

type referencePool struct{ p *pool.Pool[int] }

func (r referencePool) acquireRelease(ctx context.Context) error {
	l, err := r.p.Acquire(ctx)
	if err != nil {
		return err
	}
	l.Release()
	return nil
}

func (r referencePool) close() { r.p.Close(context.Background()) }

type puddlePool struct{ p *puddle.Pool[int] }

func (r puddlePool) acquireRelease(ctx context.Context) error {
	l, err := r.p.Acquire(ctx)
	if err != nil {
		return err
	}
	l.Release()
	return nil
}

func (r puddlePool) close() { r.p.Close() }

type kataPool struct{ p *kata.Pool[int] }

func (r kataPool) acquireRelease(ctx context.Context) error {
	l, err := r.p.Acquire(ctx)
	if err != nil {
		return err
	}
	l.Release()
	return nil
}

func (r kataPool) close() { r.p.Close(context.Background()) }

func probePool(p leasePool) {
	defer p.close()
	if err := p.acquireRelease(context.Background()); err != nil {
		panic(err)
	}
}

// BenchmarkPool measures Acquire+Release on a warm pool of 4 (MaxSize 4, all
// open): by one goroutine (op=uncontended), and by four goroutines per P, so
// that at -cpu 2 eight goroutines compete for four resources and many
// Acquire calls wait (op=contended).
func BenchmarkPool(b *testing.B) {
	ctx := context.Background()
	b.Run("op=uncontended", func(b *testing.B) {
		run(b, pools, probePool, func(b *testing.B, p leasePool) {
			defer p.close()
			for b.Loop() {
				if err := p.acquireRelease(ctx); err != nil {
					b.Fatal(err)
				}
			}
		})
	})
	b.Run("op=contended", func(b *testing.B) {
		run(b, pools, probePool, func(b *testing.B, p leasePool) {
			defer p.close()
			b.SetParallelism(4)
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					if err := p.acquireRelease(ctx); err != nil {
						b.Error(err)
						return
					}
				}
			})
		})
	})
}
