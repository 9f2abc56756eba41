package shieldtest

import (
	"context"
	"fmt"
	"time"

	"github.com/conckata/conckata/solutions/task"
)

// bugs switches on bugs in plain.
type bugs struct {
	forwardsCancel, ignoresOwnCancel, dropsError bool
	keepsDeadline, dropsValues, printsAsParent   bool
}

func mutant(b bugs) Impl {
	return Impl{Shield: b.shield, Detach: b.detach}
}

// shield is the plain shield: a task that selects on t's Done and its own
// ctx, and copies t's result.
func (b bugs) shield(t *task.Task[int]) *task.Task[int] {
	if t == nil {
		panic("shield: Shield of a nil task")
	}
	return task.Go(context.Background(), func(ctx context.Context) (int, error) {
		own := ctx.Done()
		if b.ignoresOwnCancel {
			own = nil
		}
		select {
		case <-t.Done():
		case <-own:
			if !b.forwardsCancel {
				return 0, ctx.Err()
			}
			t.Cancel()
			<-t.Done()
		}
		v, err := t.Result()
		if b.dropsError {
			err = nil
		}
		return v, err
	})
}

func (b bugs) detach(ctx context.Context) context.Context {
	if ctx == nil {
		panic("shield: Detach of a nil context")
	}
	if b.dropsValues {
		return context.Background()
	}
	return plain{bugs: b, parent: ctx}
}

// plain is the plain detached context: the parent's values, nothing else.
type plain struct {
	bugs
	parent context.Context
}

func (p plain) Deadline() (time.Time, bool) {
	if p.keepsDeadline {
		return p.parent.Deadline()
	}
	return time.Time{}, false
}

func (p plain) Done() <-chan struct{} { return nil }
func (p plain) Err() error            { return nil }
func (p plain) Value(k any) any       { return p.parent.Value(k) }

func (p plain) String() string {
	name := fmt.Sprint(p.parent)
	if _, ok := p.parent.(fmt.Stringer); !ok {
		name = fmt.Sprintf("%T", p.parent)
	}
	if p.printsAsParent {
		return name
	}
	return name + ".Detached"
}
