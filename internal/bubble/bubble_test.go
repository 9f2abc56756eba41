package bubble

import (
	"context"
	"errors"
	"testing"
	"testing/synctest"

	"github.com/conckata/conckata/internal/harness"
)

func TestMain(m *testing.M) { harness.Main(m) }

func TestStartReturnsOnceTheCallBlocks(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		release := make(chan struct{})
		c := Start("Wait", func(ctx context.Context) error {
			select {
			case <-release:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
		if c.Returned() || c.Err() != nil || c.Result() != "Wait still waits" {
			t.Fatalf("a blocked call: Returned()=%v Err()=%v Result()=%q, want false, nil, %q", c.Returned(), c.Err(), c.Result(), "Wait still waits")
		}
		close(release)
		synctest.Wait()
		if !c.Succeeded() || c.Result() != "Wait returned <nil>" {
			t.Errorf("after release: Succeeded()=%v Result()=%q, want true, %q", c.Succeeded(), c.Result(), "Wait returned <nil>")
		}
	})
}

func TestCancelEndsTheCall(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c := Start("Wait", func(ctx context.Context) error { <-ctx.Done(); return ctx.Err() })
		c.Cancel()
		synctest.Wait()
		if !c.Returned() || !errors.Is(c.Err(), context.Canceled) || c.Succeeded() {
			t.Errorf("cancelled call: Returned()=%v Err()=%v Succeeded()=%v, want true, context.Canceled, false", c.Returned(), c.Err(), c.Succeeded())
		}
	})
}

func TestStartWithUsesTheParentCtx(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		parent, cancel := context.WithCancel(context.Background())
		cancel()
		c := StartWith(parent, "Wait", func(ctx context.Context) error { return ctx.Err() })
		if !errors.Is(c.Err(), context.Canceled) {
			t.Errorf("StartWith a cancelled parent: Err() = %v, want context.Canceled", c.Err())
		}
	})
}

func TestPanics(t *testing.T) {
	if v := Panics(func() { panic("x") }); v != "x" {
		t.Errorf("Panics(panic(\"x\")) = %v, want x", v)
	}
	if v := Panics(func() {}); v != nil {
		t.Errorf("Panics(no panic) = %v, want nil", v)
	}
}
