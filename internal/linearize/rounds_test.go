package linearize

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"

	"github.com/anishathalye/porcupine"
)

// ctxModel is the model of a toy call, Look(ctx), that returns ctx.Err() at
// once: nil unless its ctx was done before the call began (a cancellation
// concurrent with the call may go either way), Canceled only once its ctx has
// been cancelled, DeadlineExceeded only with a deadline. Its state is the set
// of cancelled ctxs; an input is a Ctx, or a cancelInput.
var ctxModel = porcupine.Model{
	Init: func() any { return uint64(0) },
	Step: func(st, in, out any) (bool, any) {
		cancelled := st.(uint64)
		if c, ok := in.(cancelInput); ok {
			return true, cancelled | 1<<c
		}
		err, _ := out.(error)
		return in.(Ctx).Allows(err, Cancelled(cancelled), true), cancelled
	},
	DescribeOperation: func(in, out any) string {
		if c, ok := in.(cancelInput); ok {
			return fmt.Sprintf("cancel #%d", c)
		}
		return fmt.Sprintf("Look #%d, %s, -> %v", in.(Ctx).ID, in.(Ctx).Kind, out)
	},
}

type cancelInput int

// playLooks plays rounds of three goroutines making cancellations and Looks,
// with look standing for Look, and returns what the rounds' Check reported.
func playLooks(look func(ctx context.Context) error) []string {
	var tb fatalTB
	Play(func(r *Round) {
		cancel := func(id int) any { return cancelInput(id) }
		r.GoTogether(3, func(g int, rnd *rand.Rand) {
			for range 8 {
				r.CancelOne(g, rnd, cancel)
				ctx, c, end := r.Blocking(g, rnd, cancel)
				done := r.Call(g, c)
				done(look(ctx))
				end()
			}
		})
		r.Check(&tb, ctxModel, fmt.Sprintf("round %d:", r.N))
	})
	return tb.fatals
}

// fatalTB records the failures of Check instead of failing the test.
type fatalTB struct {
	testing.TB
	mu     sync.Mutex
	fatals []string
}

func (f *fatalTB) Helper() {}
func (f *fatalTB) Fatal(args ...any) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.fatals = append(f.fatals, fmt.Sprintln(args...))
}

func TestRoundsAcceptALinearizableCall(t *testing.T) {
	if fatals := playLooks(func(ctx context.Context) error { return ctx.Err() }); len(fatals) > 0 {
		t.Fatalf("a Look that returns ctx.Err() failed: %s", fatals[0])
	}
}

// A Look that ignores its ctx succeeds with a ctx cancelled before it began:
// the doneAtEntry rule catches it, and the failure names its round.
func TestRoundsCatchACallThatIgnoresItsCtx(t *testing.T) {
	fatals := playLooks(func(context.Context) error { return nil })
	if len(fatals) == 0 {
		t.Fatal("a Look that ignores a ctx cancelled before the call passed every round")
	}
	if !strings.HasPrefix(fatals[0], "round ") || !strings.Contains(fatals[0], "ctx cancelled before the call, -> <nil>") {
		t.Fatalf("the failure does not name its round and the call at fault: %s", fatals[0])
	}
}

// A Look that reports Canceled for a ctx no one cancelled is caught too: the
// model accepts Canceled only after a recorded cancellation.
func TestRoundsCatchACancellationThatNoOneMade(t *testing.T) {
	fatals := playLooks(func(ctx context.Context) error {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return context.Canceled
	})
	if len(fatals) == 0 {
		t.Fatal("a Look that returns Canceled for a live ctx passed every round")
	}
}

// Go gives goroutine g of round n the source seeded with (n, g), and runs
// every goroutine.
func TestGoSeedsEachGoroutineWithItsRound(t *testing.T) {
	r := &Round{N: 7}
	var mu sync.Mutex
	got := map[int]uint64{}
	r.Go(4, func(g int, rnd *rand.Rand) {
		mu.Lock()
		defer mu.Unlock()
		got[g] = rnd.Uint64()
	})
	for g := range 4 {
		if want := rand.New(rand.NewPCG(7, uint64(g))).Uint64(); got[g] != want {
			t.Fatalf("goroutine %d of round 7 drew %d first, want %d (from the source seeded (7, %d))", g, got[g], want, g)
		}
	}
}

func TestCancelledListsItsCalls(t *testing.T) {
	s := Cancelled(0).With(3).With(0).With(63)
	if !s.Has(0) || !s.Has(3) || !s.Has(63) || s.Has(1) {
		t.Fatalf("Cancelled with 0, 3 and 63 has 0: %v, 3: %v, 63: %v, 1: %v", s.Has(0), s.Has(3), s.Has(63), s.Has(1))
	}
	if got := s.String(); got != "#0 #3 #63" {
		t.Fatalf("String() = %q, want %q", got, "#0 #3 #63")
	}
}

func TestQueueKeepsTheOrderOfJoins(t *testing.T) {
	var q Queue
	for id := range MaxWaiters {
		if !q.Join(Waiter{ID: id, N: id % 2}) {
			t.Fatalf("Join of waiter %d of %d = false, want true", id, MaxWaiters)
		}
	}
	if q.Join(Waiter{ID: 9}) || q.Len() != MaxWaiters {
		t.Fatalf("Join on a full queue = true, or changed its length to %d", q.Len())
	}
	q.Remove(q.Index(1))
	if got, want := q.String(), "#0 #2 #3:1"; got != want {
		t.Fatalf("after Remove of #1, queue = %q, want %q", got, want)
	}
	if q.Index(1) != -1 || q.Index(3) != 2 || q.At(2) != (Waiter{ID: 3, N: 1}) {
		t.Fatalf("Index(1) = %d, Index(3) = %d, At(2) = %v, want -1, 2 and {3 1}", q.Index(1), q.Index(3), q.At(2))
	}
	var fresh Queue
	for _, id := range []int{0, 2, 3} {
		fresh.Join(Waiter{ID: id, N: id / 3})
	}
	if q != fresh {
		t.Fatalf("a queue after Remove, %v, is not == to the same queue joined afresh, %v: porcupine could not compare states", q, fresh)
	}
}
