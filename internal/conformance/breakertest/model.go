package breakertest

import (
	"context"
	"fmt"
	"testing"
	"testing/synctest"
	"time"

	"github.com/conckata/conckata/internal/rapidwait"
	"pgregory.net/rapid"
)

// model is the sequential model of a circuit breaker, on the bubble's
// clock. Every state change starts a new generation; a call counts only in
// the generation it started in.
type model struct {
	threshold, trials int
	timeout           time.Duration
	errOpen, errMany  error // the Impl's ErrOpen and ErrTooManyRequests

	state     State
	gen       int
	failures  int // consecutive, while closed
	successes int // while half-open
	running   int // trial calls, while half-open
	openedAt  time.Time
}

func newModel(s Settings, impl Impl) *model {
	m := &model{threshold: 5, timeout: 60 * time.Second, trials: 1, errOpen: impl.ErrOpen, errMany: impl.ErrTooManyRequests}
	if s.FailureThreshold != 0 {
		m.threshold = s.FailureThreshold
	}
	if s.OpenTimeout != 0 {
		m.timeout = s.OpenTimeout
	}
	if s.HalfOpenMax != 0 {
		m.trials = s.HalfOpenMax
	}
	return m
}

func (m *model) String() string {
	switch m.state {
	case Closed:
		return fmt.Sprintf("closed with %d consecutive failures of %d", m.failures, m.threshold)
	case Open:
		return fmt.Sprintf("open for %v of %v", time.Since(m.openedAt), m.timeout)
	}
	return fmt.Sprintf("half-open with %d of %d trial calls running and %d successes", m.running, m.trials, m.successes)
}

// look moves an open breaker whose OpenTimeout has passed to half-open, as
// Do and State do before anything else.
func (m *model) look() {
	if m.state == Open && !time.Now().Before(m.openedAt.Add(m.timeout)) {
		m.next(HalfOpen)
	}
}

func (m *model) next(s State) {
	m.state, m.gen = s, m.gen+1
	m.failures, m.successes, m.running = 0, 0, 0
	if s == Open {
		m.openedAt = time.Now()
	}
}

// admit lets a call in and returns its generation, or the error that
// refuses it.
func (m *model) admit() (gen int, refused error) {
	switch {
	case m.state == Open:
		return 0, m.errOpen
	case m.state == HalfOpen && m.running >= m.trials:
		return 0, m.errMany
	case m.state == HalfOpen:
		m.running++
	}
	return m.gen, nil
}

// record counts the result of a call of generation gen.
func (m *model) record(gen int, v verdict) {
	if gen != m.gen {
		return
	}
	switch m.state {
	case Closed:
		switch v {
		case success:
			m.failures = 0
		case failure:
			if m.failures++; m.failures >= m.threshold {
				m.next(Open)
			}
		}
	case HalfOpen:
		m.running--
		switch {
		case v == abandoned:
		case v == failure:
			m.next(Open)
		case m.successes+1 >= m.trials:
			m.next(Closed)
		default:
			m.successes++
		}
	}
}

func (m *model) name(err error) string {
	if err == m.errOpen {
		return "ErrOpen"
	}
	return "ErrTooManyRequests"
}

// heldCall is a Do held in fn, with the generation the model gave it and
// the state it started in.
type heldCall struct {
	*holder
	gen     int
	started string
}

func matchesModel(t *testing.T, impl Impl) {
	rapidwait.Machine(t, func(t *rapid.T) {
		s := Settings{
			FailureThreshold: rapid.IntRange(0, 3).Draw(t, "FailureThreshold"),
			OpenTimeout:      rapid.SampledFrom([]time.Duration{0, timeout}).Draw(t, "OpenTimeout"),
			HalfOpenMax:      rapid.IntRange(0, 3).Draw(t, "HalfOpenMax"),
		}
		mc := &machine{b: impl.New(s), m: newModel(s, impl)}
		defer func() { finishAll(mc.all) }()
		t.Repeat(map[string]func(*rapid.T){
			"Do":     mc.do,
			"DoDone": mc.doDone,
			"hold":   mc.hold,
			"finish": mc.finish,
			"sleep":  mc.sleep,
			"State":  mc.state,
			"":       mc.check,
		})
	})
}

// machine is the state of one rapid case: the breaker, its model, and the
// calls held in fn.
type machine struct {
	b    Breaker
	m    *model
	held []heldCall // running, as the model says
	all  []*holder  // every call held, to end them all
}

func (mc *machine) do(t *rapid.T) {
	o := rapid.SampledFrom(outcomes).Draw(t, "outcome")
	r := do(context.Background(), mc.b, o)
	mc.m.look()
	before := mc.m.String()
	gen, refused := mc.m.admit()
	switch {
	case refused != nil && !r.rejected(refused):
		t.Fatalf("Do(fn that %v) on a breaker %s %v; want %s without calling fn", o, before, r, mc.m.name(refused))
	case refused == nil && !r.passedOn(o):
		t.Fatalf("Do(fn that %v) on a breaker %s %v; want %s", o, before, r, wantPassedOn(o))
	case refused == nil:
		mc.m.record(gen, o.verdict())
	}
}

func (mc *machine) doDone(t *rapid.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if r := do(ctx, mc.b, fail); !r.rejected(context.Canceled) {
		t.Fatalf("Do(ctx already cancelled) on a breaker %s %v; want context.Canceled without calling fn", mc.m, r)
	}
}

func (mc *machine) hold(t *rapid.T) {
	h := startHeld(mc.b, len(mc.all)+1)
	mc.all = append(mc.all, h)
	mc.m.look()
	before := mc.m.String()
	gen, refused := mc.m.admit()
	switch {
	case refused != nil && !(h.Returned() && h.result().rejected(refused)):
		t.Fatalf("Do #%d, whose fn would wait, on a breaker %s %s; want %s without calling fn", h.n, before, h.describe(), mc.m.name(refused))
	case refused == nil && !h.Running():
		t.Fatalf("Do #%d, whose fn waits, on a breaker %s %s; want fn called and waiting", h.n, before, h.describe())
	case refused == nil:
		mc.held = append(mc.held, heldCall{h, gen, before})
	}
}

func (mc *machine) finish(t *rapid.T) {
	_, c := rapidwait.Draw(t, &mc.held)
	o := rapid.SampledFrom(outcomes).Draw(t, "outcome")
	c.holder.finish(o)
	synctest.Wait()
	if !c.Returned() || !c.result().passedOn(o) {
		t.Fatalf("held Do #%d, started on a breaker %s, whose fn then %v, %s; want %s", c.n, c.started, o, c.describe(), wantPassedOn(o))
	}
	mc.m.record(c.gen, o.verdict())
}

func (mc *machine) sleep(t *rapid.T) {
	d := pause(mc.m.timeout)
	time.Sleep(time.Duration(rapid.SampledFrom([]pause{1, d / 2, d - 1, d}).Draw(t, "sleep")))
}

// pause is a time the machine sleeps, written as a duration in rapid's log.
type pause time.Duration

func (p pause) GoString() string { return time.Duration(p).String() }

func (mc *machine) state(t *rapid.T) {
	got := mc.b.State()
	mc.m.look()
	if got != mc.m.state {
		t.Fatalf("State() = %v; want %v (the model: %s)", got, mc.m.state, mc.m)
	}
}

// check, after every step, that the calls held still run.
func (mc *machine) check(t *rapid.T) {
	synctest.Wait()
	for _, c := range mc.held {
		if !c.Running() {
			t.Fatalf("held Do #%d, started on a breaker %s, %s while its fn waits; want it still running", c.n, c.started, c.describe())
		}
	}
}
