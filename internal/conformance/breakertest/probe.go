package breakertest

// A probe drives one breaker in a synctest bubble, one step at a time, and
// checks each step; its failure messages recite every step taken so far,
// so that a learner reads what was done, what came back and what was wanted.

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/conckata/conckata/internal/bubble"
)

type probe struct {
	t     testing.TB
	impl  Impl
	b     Breaker
	steps []string  // what was done so far, in order
	held  []*holder // every Do held so far
}

// newProbe makes a breaker with settings s. It must run in a bubble.
func newProbe(t testing.TB, impl Impl, s Settings) *probe {
	return &probe{t: t, impl: impl, b: impl.New(s), steps: []string{"New(" + describe(s) + ")"}}
}

// did recites the steps, a run of the same step written once with its count.
func (p *probe) did() string {
	var out []string
	for i := 0; i < len(p.steps); {
		j := i
		for j < len(p.steps) && p.steps[j] == p.steps[i] {
			j++
		}
		if j-i > 1 {
			out = append(out, fmt.Sprintf("%s ×%d", p.steps[i], j-i))
		} else {
			out = append(out, p.steps[i])
		}
		i = j
	}
	return strings.Join(out, ", ")
}

func (p *probe) fatalf(format string, args ...any) {
	p.t.Helper()
	p.t.Fatalf("after %s: %s", p.did(), fmt.Sprintf(format, args...))
}

// pass makes a Do whose fn does o, which the breaker must let through.
func (p *probe) pass(o outcome) {
	p.t.Helper()
	r := do(context.Background(), p.b, o)
	if !r.passedOn(o) {
		p.fatalf("Do(fn that %v) %v; want %s", o, r, wantPassedOn(o))
	}
	p.steps = append(p.steps, fmt.Sprintf("Do(fn %v)", o))
}

// reject makes a Do that the breaker must refuse with want, without calling fn.
func (p *probe) reject(want error) {
	p.t.Helper()
	if r := do(context.Background(), p.b, succeed); !r.rejected(want) {
		p.fatalf("Do %v; want %s without calling fn", r, p.name(want))
	}
	p.steps = append(p.steps, "Do rejected with "+p.name(want))
}

// doneCtx makes a Do with ctx, already done, which must return want without
// calling fn.
func (p *probe) doneCtx(ctx context.Context, want error) {
	p.t.Helper()
	if r := do(ctx, p.b, fail); !r.rejected(want) {
		p.fatalf("Do(ctx already done) %v; want %v without calling fn", r, want)
	}
	p.steps = append(p.steps, fmt.Sprintf("Do(ctx done: %v)", want))
}

// state checks that State() is want.
func (p *probe) state(want State) {
	p.t.Helper()
	if got := p.b.State(); got != want {
		p.fatalf("State() = %v; want %v", got, want)
	}
	p.steps = append(p.steps, "State() = "+want.String())
}

// sleep moves the bubble's clock on by d.
func (p *probe) sleep(d time.Duration) {
	time.Sleep(d)
	p.steps = append(p.steps, fmt.Sprintf("%v pass", d))
}

func (p *probe) name(err error) string {
	switch err {
	case p.impl.ErrOpen:
		return "ErrOpen"
	case p.impl.ErrTooManyRequests:
		return "ErrTooManyRequests"
	}
	return fmt.Sprint(err)
}

// hold starts a Do whose fn, once called, waits for finish; the breaker must
// let it through.
func (p *probe) hold() *holder {
	p.t.Helper()
	h := startHeld(p.b, len(p.held)+1)
	p.held = append(p.held, h)
	if !h.Running() {
		p.fatalf("Do #%d, whose fn waits, %v; want fn called and waiting", h.n, h.describe())
	}
	p.steps = append(p.steps, fmt.Sprintf("Do #%d held in fn", h.n))
	return h
}

// finish lets the held Do's fn do o, and checks that Do passes it on.
func (p *probe) finish(h *holder, o outcome) {
	p.t.Helper()
	h.finish(o)
	synctest.Wait()
	if !h.Returned() || !h.result().passedOn(o) {
		p.fatalf("held Do #%d, whose fn then %v, %v; want %s", h.n, o, h.describe(), wantPassedOn(o))
	}
	p.steps = append(p.steps, fmt.Sprintf("held #%d's fn %v", h.n, o))
}

// end lets every held Do return, so that the bubble can end even after a
// failure, and the failure is the one reported.
func (p *probe) end() { finishAll(p.held) }

func finishAll(held []*holder) {
	for _, h := range held {
		h.finish(succeed)
		h.Cancel()
	}
	synctest.Wait()
}

// A holder is a Do running in a goroutine of its own in a bubble, whose fn,
// once called, waits until the property tells it what to do.
type holder struct {
	*bubble.Call
	n        int // its number in the property's steps, from 1
	calls    atomic.Int32
	told     chan outcome
	finished bool
	panicked any // what Do panicked with; written before the call returns
}

// errPanicked stands for a held Do's result when it panicked.
var errPanicked = errors.New("breakertest: Do panicked")

// startHeld starts Do on b and returns once the bubble is idle: fn is then
// held, or Do has returned without calling it.
func startHeld(b Breaker, n int) *holder {
	h := &holder{n: n, told: make(chan outcome, 1)}
	h.Call = bubble.Start("Do", func(ctx context.Context) (err error) {
		defer func() {
			if v := recover(); v != nil {
				h.panicked, err = v, errPanicked
			}
		}()
		return b.Do(ctx, func(ctx context.Context) error {
			h.calls.Add(1)
			select {
			case o := <-h.told:
				return o.run()
			case <-ctx.Done():
				return ctx.Err()
			}
		})
	})
	return h
}

// Running reports whether fn was called once and has not returned. Call it
// when the bubble is idle.
func (h *holder) Running() bool { return !h.Returned() && h.calls.Load() == 1 }

// finish tells fn to do o, once; it does not wait.
func (h *holder) finish(o outcome) {
	if !h.finished {
		h.finished = true
		h.told <- o
	}
}

// result is what became of the Do, once it has returned.
func (h *holder) result() result {
	r := result{err: h.Err(), calls: int(h.calls.Load())}
	if h.Returned() && h.panicked != nil {
		r.err, r.panicked = nil, h.panicked
	}
	return r
}

func (h *holder) describe() string {
	if !h.Returned() {
		switch n := h.calls.Load(); n {
		case 0:
			return "has neither called fn nor returned"
		case 1:
			return "has not returned (fn waits)"
		default:
			return fmt.Sprintf("called fn %d times and has not returned", n)
		}
	}
	return h.result().String()
}
