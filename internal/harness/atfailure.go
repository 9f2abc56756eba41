package harness

import "sync"

// atFailure are the functions run in a property's process when the property
// fails: the shared scaffolding registers them to leave what it recorded
// (bubble's log of calls) for `kata explain`.
var atFailure struct {
	mu    sync.Mutex
	funcs []func()
}

// AtFailure registers f to run in a property's process when the property
// fails, after it has returned or stopped with FailNow.
func AtFailure(f func()) {
	atFailure.mu.Lock()
	defer atFailure.mu.Unlock()
	atFailure.funcs = append(atFailure.funcs, f)
}

func runAtFailure() {
	atFailure.mu.Lock()
	funcs := append([]func(){}, atFailure.funcs...)
	atFailure.mu.Unlock()
	for _, f := range funcs {
		f()
	}
}
