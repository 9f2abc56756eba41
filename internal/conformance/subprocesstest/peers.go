package subprocesstest

import "github.com/conckata/conckata/internal/harness"

// Peers returns the subprocess kata's peers: none. No Go library holds this
// dialogue over os/exec's pipes. The expect libraries (Netflix/go-expect,
// google/goexpect) drive the program through a pseudo-terminal, whose echo
// and line discipline ("\r\n") change every transcript, and they leave
// process groups and reaping to the caller; the plain expect loop the
// mutants are built on (plain_test.go) is the textbook form. The benchmark
// measures a floor instead: exec.Cmd.Output with every input given at once
// (bench/subprocess_test.go).
func Peers() []harness.Peer[Impl] { return nil }
