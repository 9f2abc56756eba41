package countertest

import (
	"sync"

	"github.com/conckata/conckata/internal/storm"
)

// together runs each fn in a goroutine of its own, all released at once so
// that they overlap as much as they can, and waits until every one has
// returned. It reports false if they had not all returned within
// storm.Timeout and its grace second; the caller must then fail at once,
// without reading what the goroutines write.
func together(fns ...func()) bool {
	gate := make(chan struct{})
	var wg sync.WaitGroup
	for _, fn := range fns {
		wg.Go(func() {
			<-gate
			fn()
		})
	}
	close(gate)
	return storm.Wait(&wg)
}

// stuck is the failure message of a storm that did not end.
func stuck(ty Type, what string) string {
	return ty.Name + ": " + what + " had not all returned after " + storm.Timeout.String() +
		": an Add or a Load blocks (a lock that is never unlocked?)"
}

// adders returns n functions, each of which calls c.Add(1) each times.
func adders(c Counter, n, each int) []func() {
	fns := make([]func(), n)
	for i := range fns {
		fns[i] = func() {
			for range each {
				c.Add(1)
			}
		}
	}
	return fns
}
