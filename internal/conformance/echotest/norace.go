//go:build !race

package echotest

// raceEnabled is whether this binary runs under the race detector: the
// command is then built with it too.
const raceEnabled = false
