package gate

import (
	"context"
	"errors"
	"testing"
	"testing/synctest"
)

// hold runs g.Hold(ctx) in a goroutine and returns the channel of its error.
func hold(g *Gate, ctx context.Context) <-chan error {
	ch := make(chan error, 1)
	go func() { ch <- g.Hold(ctx) }()
	synctest.Wait()
	return ch
}

func returned(ch <-chan error) (error, bool) {
	select {
	case err := <-ch:
		return err, true
	default:
		return nil, false
	}
}

func TestFinishAnswersEachCall(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		g := New(false)
		first, second := hold(g, t.Context()), hold(g, t.Context())
		if n := len(g.Calls()); n != 2 {
			t.Fatalf("Calls() with two calls held has %d, want 2", n)
		}
		if _, ok := returned(first); ok {
			t.Fatal("a held call returned before Finish")
		}
		boom := errors.New("boom")
		if !g.Finish(1, boom) {
			t.Fatal("Finish(1) with two calls held = false, want true")
		}
		synctest.Wait()
		if err, ok := returned(second); !ok || err != boom {
			t.Errorf("the call finished with boom returned %v, %v; want boom", err, ok)
		}
		if got := g.Unfinished(); len(got) != 1 || got[0] != 0 {
			t.Errorf("Unfinished() = %v, want [0]", got)
		}
		g.Finish(0, nil)
		synctest.Wait()
		if err, ok := returned(first); !ok || err != nil {
			t.Errorf("the call finished with nil returned %v, %v; want nil", err, ok)
		}
		if g.Finish(2, nil) {
			t.Error("Finish(2) with two calls held = true, want false")
		}
	})
}

func TestCtxEndsAHeldCallUnlessIgnored(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		for _, ignore := range []bool{false, true} {
			g := New(ignore)
			ctx, cancel := context.WithCancel(t.Context())
			ch := hold(g, ctx)
			cancel()
			synctest.Wait()
			err, ok := returned(ch)
			if ignore && ok || !ignore && (!ok || !errors.Is(err, context.Canceled)) {
				t.Errorf("New(%v): a held call whose ctx was cancelled returned %v, %v", ignore, err, ok)
			}
			if g.Finish(0, nil); ignore {
				synctest.Wait()
				if _, ok := returned(ch); !ok {
					t.Errorf("New(true): a call that ignores its ctx did not return when finished")
				}
			}
		}
	})
}

func TestFullThenOpen(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		g := New(false)
		full := g.Full(2)
		a := hold(g, t.Context())
		select {
		case <-full:
			t.Fatal("Full(2) was closed with one call held")
		default:
		}
		b := hold(g, t.Context())
		select {
		case <-full:
		default:
			t.Fatal("Full(2) was not closed with two calls held")
		}
		g.Open()
		g.Open()
		synctest.Wait()
		for _, ch := range []<-chan error{a, b} {
			if err, ok := returned(ch); !ok || err != nil {
				t.Errorf("a held call after Open returned %v, %v; want nil", err, ok)
			}
		}
		if err := g.Hold(t.Context()); err != nil {
			t.Errorf("Hold after Open = %v, want nil at once", err)
		}
	})
}
