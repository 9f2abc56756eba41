package taskfake

import (
	"context"
	"errors"
	"testing"
	"testing/synctest"
	"time"
)

var errBoom = errors.New("boom")

// outcome runs fn with ctx in the bubble and says what it returned, when.
type outcome struct {
	v   int
	err error
	at  time.Duration
}

func run(ctx context.Context, fn Func) outcome {
	start := time.Now()
	v, err := fn(ctx)
	return outcome{v, err, time.Since(start)}
}

func TestFunctionsEndOnTheBubblesClock(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		cases := []struct {
			name    string
			timeout bool // run with a ctx that expires after 1s
			fn      Func
			want    outcome
		}{
			{"After", false, After(2*time.Second, 7), outcome{7, nil, 2 * time.Second}},
			{"After, ctx first", true, After(2*time.Second, 7), outcome{0, context.DeadlineExceeded, time.Second}},
			{"Fail", false, Fail(2*time.Second, errBoom), outcome{0, errBoom, 2 * time.Second}},
			{"Fail, ctx first", true, Fail(2*time.Second, errBoom), outcome{0, context.DeadlineExceeded, time.Second}},
			{"Ignore", true, Ignore(2*time.Second, 3, errBoom), outcome{3, errBoom, 2 * time.Second}},
			{"UntilCancelled, limit first", false, UntilCancelled(2*time.Second, time.Hour, 4), outcome{4, nil, 2 * time.Second}},
			{"UntilCancelled, ctx first", true, UntilCancelled(time.Hour, 3*time.Second, 4), outcome{0, context.DeadlineExceeded, 4 * time.Second}},
			{"Linger", true, Linger(3 * time.Second), outcome{0, context.DeadlineExceeded, 4 * time.Second}},
		}
		for _, c := range cases {
			timeout := 100 * time.Hour // never, for these functions
			if c.timeout {
				timeout = time.Second
			}
			ctx, cancel := context.WithTimeout(context.Background(), timeout)
			got := run(ctx, c.fn)
			cancel()
			if got.v != c.want.v || !errors.Is(got.err, c.want.err) || (got.err == nil) != (c.want.err == nil) || got.at != c.want.at {
				t.Errorf("%s returned (%d, %v) after %v, want (%d, %v) after %v", c.name, got.v, got.err, got.at, c.want.v, c.want.err, c.want.at)
			}
		}
	})
}

func TestPanicPanicsAfterItsDelay(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		start := time.Now()
		var v any
		func() {
			defer func() { v = recover() }()
			Panic(time.Second, "p")(context.Background())
		}()
		if v != "p" || time.Since(start) != time.Second {
			t.Errorf("Panic(1s, \"p\") panicked with %v after %v, want \"p\" after 1s", v, time.Since(start))
		}
	})
}

func TestGateHoldsUntilOpen(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		g := NewGate()
		var got outcome
		done := make(chan struct{})
		go func() { got = run(context.Background(), g.Work(5)); close(done) }()
		time.Sleep(time.Second)
		synctest.Wait()
		if g.IsOpen() || Closed(done) {
			t.Fatalf("before Open: IsOpen %v, the work returned %v; want false and false", g.IsOpen(), Closed(done))
		}
		g.Open()
		g.Open()
		<-done
		if !g.IsOpen() || !Closed(g.Opened()) || got != (outcome{5, nil, time.Second}) {
			t.Errorf("after Open at 1s: IsOpen %v, the work returned %+v; want true and (5, nil) at 1s", g.IsOpen(), got)
		}
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		if got := run(ctx, NewGate().Work(5)); !errors.Is(got.err, context.Canceled) {
			t.Errorf("the work of a closed gate with a done ctx returned %+v, want ctx.Err()", got)
		}
	})
}

func TestCtxMakers(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		for _, c := range []struct {
			name string
			make CtxMaker
			want error
		}{{"Deadline", Deadline(time.Second), context.DeadlineExceeded}, {"CancelAfter", CancelAfter(time.Second), context.Canceled}} {
			ctx, cancel := c.make()
			start := time.Now()
			<-ctx.Done()
			if d := time.Since(start); d != time.Second || !errors.Is(ctx.Err(), c.want) {
				t.Errorf("%s(1s) ended after %v with %v, want after 1s with %v", c.name, d, ctx.Err(), c.want)
			}
			cancel()
		}
		ctx, cancel := Live()
		if ctx.Err() != nil {
			t.Errorf("Live() is done at once")
		}
		cancel()
		if !errors.Is(ctx.Err(), context.Canceled) {
			t.Errorf("Live()'s cancel did not end it")
		}
	})
}

func TestSpinStopsAtADoneCtx(t *testing.T) {
	if err := Spin(context.Background(), 10); err != nil {
		t.Errorf("Spin(live ctx, 10) = %v, want nil", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := Spin(ctx, 10); !errors.Is(err, context.Canceled) {
		t.Errorf("Spin(done ctx, 10) = %v, want context.Canceled", err)
	}
}

func TestGoexitNeverReturns(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		returned, ended := false, make(chan struct{})
		go func() {
			defer close(ended)
			Goexit(time.Second)(context.Background())
			returned = true
		}()
		start := time.Now()
		<-ended
		if returned || time.Since(start) != time.Second {
			t.Errorf("Goexit(1s): returned %v, ended after %v; want it never to return, ending after 1s", returned, time.Since(start))
		}
	})
}

func TestGatedOpensTheGateAtTheEnd(t *testing.T) {
	released := false
	Gated(t, func(t *testing.T, g *Gate) {
		go func() {
			g.Work(1)(context.Background()) // ends only once g opens
			released = true
		}()
		synctest.Wait()
		if g.IsOpen() || released {
			t.Errorf("Gated's gate is open while body runs")
		}
	})
	// The bubble has ended, so every goroutine in it has.
	if !released {
		t.Errorf("the work held by Gated's gate never ended")
	}
}
