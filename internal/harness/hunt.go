package harness

import (
	"os"
	"testing"
)

// HuntEnv names the environment variable that turns a run into a hunt check
// (`kata hunt NAME --check`): Suite.Run and Suite.CatchMutants then run the
// learner's hunt test, registered with Hunt, on the implementation they were
// given (the reference, or a mutant), in this process, instead of the
// properties.
const HuntEnv = "KATA_HUNT"

// hunt is the learner's hunt test, registered by Hunt; nil if none.
var hunt any

// Hunt registers a learner's hunt test: a func(*testing.T, I) where I is the
// suite's Impl. A kata's hunt_test.go calls it from an init function; it
// changes nothing unless HuntEnv is set.
func Hunt(test any) { hunt = test }

// hunting returns the registered hunt test for implementations of type I, if
// this run is a hunt check.
func hunting[I any]() (func(*testing.T, I), bool) {
	if os.Getenv(HuntEnv) == "" {
		return nil, false
	}
	f, ok := hunt.(func(*testing.T, I))
	return f, ok
}
