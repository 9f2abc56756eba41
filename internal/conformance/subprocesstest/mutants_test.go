package subprocesstest

import "github.com/conckata/conckata/internal/harness"

// mutants are the known subprocess bugs, each one switch on the plain loop.
var mutants = []harness.Mutant[Impl]{
	{Name: "write-all-inputs-first", Bug: "every input is written before any output is read, as a loop of stdin.write() and drain() followed by stdout.read() does: once the program fills its stdout pipe it stops reading, the writes block, and both wait for each other forever (the deadlock that the documentation of asyncio's Process.wait and of subprocess.Popen.wait warns about, for a child that fills a pipe; they advise communicate())", Impl: mutant(bugs{writeFirst: true})},
	{Name: "wait-never-called", Bug: "Converse reads the output to its end and returns without cmd.Wait: the program stays a zombie until Converse's process exits, its exit status is lost, and the pipes' descriptors leak (os/exec's documentation: Wait must be called to release the resources)", Impl: mutant(bugs{noWait: true})},
	{Name: "ctx-ignored", Bug: "Converse never looks at its ctx: it starts the program when ctx is already done, and a cancellation leaves it waiting for a prompt from a program that hangs (the cmd was made by exec.Command, or by exec.CommandContext with another context)", Impl: mutant(bugs{ignoreCtx: true})},
	{Name: "stderr-lost", Bug: "the program's stderr goes to the null device (cmd.Stderr left nil), so the error of a failed program says \"exit status 3\" and nothing of why (golang/go#44270, \"No stderr is shown in the os/exec error\": only cmd.Output fills ExitError.Stderr, golang/go#11381)", Impl: mutant(bugs{loseStderr: true})},
}
