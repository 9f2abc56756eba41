// Package linearize records histories of concurrent calls made by real
// goroutines and checks them against a sequential model with porcupine.
//
// It is the shared scaffolding of the properties called "linearizable": a
// property plays rounds (Play), in each of which a few goroutines (Round.Go, Round.GoTogether)
// wrap each call in Recorder.Call, and when they have all returned it calls
// Round.Check with the kata's sequential model. Blocking calls get their ctx
// from Round.Blocking and are cancelled by Round.CancelOne, or get one ctx
// per call from Ctxs; the models of blocking calls share Ctx.Allows, Queue
// and Cancelled (queue.go). A
// history is linearizable when every call can be given one instant between its
// call and its return such that the calls, taken in the order of those
// instants, are a legal run of the model.
//
// Timestamps come from one atomic counter, not a clock: a call's timestamp is
// taken before the call starts and its return's after it has returned, so two
// calls that did not overlap in real time are never taken to overlap, and the
// history is exact however the scheduler ran the goroutines.
package linearize

import (
	"cmp"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/anishathalye/porcupine"
)

// checkTimeout bounds porcupine's search. Properties keep their histories
// small (a few goroutines, a few dozen calls) so that it is never reached; a
// history it cannot decide in this time is reported as a harness problem, not
// as the learner's bug.
const checkTimeout = 10 * time.Second

// Recorder collects the calls of one history. It is safe for concurrent use;
// the zero value is ready.
type Recorder struct {
	clock atomic.Int64

	mu  sync.Mutex // protects ops
	ops []porcupine.Operation
}

// Call records that goroutine client is about to make the call described by
// input, and returns the function to call, with the call's result, as soon as
// the call has returned. A call whose done is never called is left out of the
// history, so a property must call every done before Check.
func (r *Recorder) Call(client int, input any) (done func(output any)) {
	call := r.clock.Add(1)
	return func(output any) {
		ret := r.clock.Add(1)
		r.mu.Lock()
		r.ops = append(r.ops, porcupine.Operation{ClientId: client, Input: input, Call: call, Output: output, Return: ret})
		r.mu.Unlock()
	}
}

// Operations returns the calls recorded so far, in the order of their calls.
func (r *Recorder) Operations() []porcupine.Operation {
	r.mu.Lock()
	defer r.mu.Unlock()
	ops := slices.Clone(r.ops)
	slices.SortFunc(ops, func(a, b porcupine.Operation) int { return cmp.Compare(a.Call, b.Call) })
	return ops
}

// Check fails t unless the history recorded by r is linearizable with respect
// to model. The failure names the calls that porcupine could linearize and the
// first call it could not, one line per call with its goroutine, as a reader
// of the timeline needs. With -v it also writes porcupine's HTML
// visualisation of the history and logs its path. model must have
// DescribeOperation (and, for the visualisation, DescribeState).
func Check(t testing.TB, model porcupine.Model, r *Recorder) {
	t.Helper()
	if err := check(t, model, r.Operations()); err != nil {
		t.Fatal(err)
	}
}

func check(t testing.TB, model porcupine.Model, ops []porcupine.Operation) error {
	res, info := porcupine.CheckOperationsVerbose(model, ops, checkTimeout)
	switch res {
	case porcupine.Ok:
		return nil
	case porcupine.Unknown:
		return fmt.Errorf("harness problem: porcupine could not decide a history of %d calls within %v", len(ops), checkTimeout)
	}
	msg := Explain(model, ops, info) + exportHistory(model, ops, info)
	if testing.Verbose() {
		if path, err := visualize(t, model, info); err != nil {
			msg += "\n(the HTML timeline could not be written: " + err.Error() + ")"
		} else {
			msg += "\nthe history as an HTML timeline: " + path
		}
	}
	return fmt.Errorf("%s", msg)
}

// Explain describes a history that is not linearizable: the longest sequence
// of calls that the model accepts, in the order it accepts them, followed by
// the call that cannot come next. Each line names the goroutine and the call.
func Explain(model porcupine.Model, ops []porcupine.Operation, info porcupine.LinearizationInfo) string {
	longest := longestPartial(info)
	describe := model.DescribeOperation
	if describe == nil {
		describe = func(in, out any) string { return fmt.Sprintf("%v -> %v", in, out) }
	}
	var b strings.Builder
	fmt.Fprintf(&b, "the history of %d concurrent calls is not linearizable: no order of its calls, each taken at one instant between its call and its return, is a legal run of the model.", len(ops))
	fmt.Fprintf(&b, " The model accepts these %d calls in this order:", len(longest))
	placed := make(map[int]bool, len(longest))
	for i, id := range longest {
		placed[id] = true
		op := ops[id]
		fmt.Fprintf(&b, " (%d) goroutine %d: %s;", i+1, op.ClientId, describe(op.Input, op.Output))
	}
	if id, ok := firstStuck(ops, placed); ok {
		op := ops[id]
		fmt.Fprintf(&b, " but then none of the calls that could come next fits, the first being goroutine %d: %s", op.ClientId, describe(op.Input, op.Output))
	}
	return b.String()
}

// longestPartial returns the longest partial linearization porcupine found,
// as indices into the history it was given.
func longestPartial(info porcupine.LinearizationInfo) []int {
	var longest []int
	for _, partition := range info.PartialLinearizations() {
		for _, lin := range partition {
			if len(lin) > len(longest) {
				longest = lin
			}
		}
	}
	return longest
}

// firstStuck returns, among the calls not placed, the one that returned first:
// every linearization must place it before any call that started after it
// returned, so it is where the model got stuck.
func firstStuck(ops []porcupine.Operation, placed map[int]bool) (int, bool) {
	best, found := 0, false
	for i, op := range ops {
		if !placed[i] && (!found || op.Return < ops[best].Return) {
			best, found = i, true
		}
	}
	return best, found
}

// visualize writes porcupine's HTML timeline to the test's artifact directory
// when go test was given -artifacts (Go 1.26 and later), or else to a file in
// the temporary directory that outlives the test, and returns its path.
func visualize(t testing.TB, model porcupine.Model, info porcupine.LinearizationInfo) (string, error) {
	dir := os.TempDir()
	if f := flag.Lookup("test.artifacts"); f != nil && f.Value.String() == "true" {
		if a, ok := t.(interface{ ArtifactDir() string }); ok {
			dir = a.ArtifactDir()
		}
	}
	f, err := os.CreateTemp(dir, "linearizable-*.html")
	if err != nil {
		return "", err
	}
	defer f.Close()
	if err := porcupine.Visualize(model, info, f); err != nil {
		return "", err
	}
	return filepath.Abs(f.Name())
}
