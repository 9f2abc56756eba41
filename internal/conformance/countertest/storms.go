package countertest

import (
	"sync"
	"time"
)

// stormTimeout bounds every storm, so that an Add or Load that blocks for
// ever (a Mutex never unlocked) fails the property instead of hanging it.
const stormTimeout = 5 * time.Second

// together runs each fn in a goroutine of its own, all released at once so
// that they overlap as much as they can, and waits until every one has
// returned. It reports false if they had not all returned within
// stormTimeout; the caller must then fail at once, without reading what the
// goroutines write.
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
	done := make(chan struct{})
	go func() {
		wg.Wait()
		close(done)
	}()
	timer := time.NewTimer(stormTimeout)
	defer timer.Stop()
	select {
	case <-done:
		return true
	case <-timer.C:
		return false
	}
}

// stuck is the failure message of a storm that did not end.
func stuck(ty Type, what string) string {
	return ty.Name + ": " + what + " had not all returned after " + stormTimeout.String() +
		": an Add or a Load blocks (a lock that is never unlocked?)"
}
