package linearize

import (
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/anishathalye/porcupine"

	"github.com/conckata/conckata/internal/harness"
)

func TestMain(m *testing.M) { harness.Main(m) }

// counterModel is a fetch-and-add counter: input is the delta, output the
// value before the add.
var counterModel = porcupine.Model{
	Init: func() any { return 0 },
	Step: func(state, in, out any) (bool, any) {
		return out.(int) == state.(int), state.(int) + in.(int)
	},
	DescribeOperation: func(in, out any) string { return fmt.Sprintf("Add(%d) -> %d", in, out) },
	DescribeState:     func(state any) string { return fmt.Sprint(state) },
}

// history runs four goroutines of ten Add(1) calls each on add, recording them.
func history(add func(int) int) *Recorder {
	var r Recorder
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for range 10 {
				done := r.Call(g, 1)
				done(add(1))
			}
		})
	}
	wg.Wait()
	return &r
}

func TestAtomicCounterIsLinearizable(t *testing.T) {
	var n atomic.Int64
	r := history(func(d int) int { return int(n.Add(int64(d))) - d })
	if err := check(t, counterModel, r.Operations()); err != nil {
		t.Fatal(err)
	}
	if got := len(r.Operations()); got != 40 {
		t.Fatalf("recorded %d calls, want 40", got)
	}
}

// A counter that returns a stale value on every tenth call is caught, and the
// explanation names a goroutine and the call the model could not place.
func TestStaleReadIsCaught(t *testing.T) {
	var mu sync.Mutex
	n, calls := 0, 0
	r := history(func(d int) int {
		mu.Lock()
		defer mu.Unlock()
		calls++
		old := n
		n += d
		if calls%10 == 0 {
			return old - 1
		}
		return old
	})
	err := check(t, counterModel, r.Operations())
	if err == nil {
		t.Fatal("a counter that returns stale values passed the linearizability check")
	}
	for _, want := range []string{"not linearizable", "goroutine ", "none of the calls that could come next fits", "Add(1) -> "} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("explanation lacks %q: %v", want, err)
		}
	}
}

func TestOperationsAreInCallOrder(t *testing.T) {
	var r Recorder
	first := r.Call(0, 1)
	second := r.Call(1, 1)
	second(0)
	first(1)
	ops := r.Operations()
	if len(ops) != 2 || ops[0].ClientId != 0 || ops[1].ClientId != 1 || !(ops[0].Call < ops[1].Call && ops[1].Return < ops[0].Return) {
		t.Fatalf("Operations() = %+v, want goroutine 0's call (which spans goroutine 1's) first", ops)
	}
}
