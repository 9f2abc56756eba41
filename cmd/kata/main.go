// Kata is the learner's runner for the conckata katas: it shows where you
// stand, runs one kata's properties, re-runs them on every save, hands out
// hints and restores a kata to its stub.
//
// Usage:
//
//	go run ./cmd/kata                  the board: each kata's state, and the next one to do
//	go run ./cmd/kata test NAME [-v]   one line per property; -v adds each failure's detail
//	go run ./cmd/kata watch [NAME]     test again on every save (Enter re-runs, q quits)
//	go run ./cmd/kata hint NAME        the next hint of docs/katas/NAME.md (--reset forgets)
//	go run ./cmd/kata reset NAME       back to the stub, after asking and a backup in .kata/backup (--all: every kata)
//	go run ./cmd/kata solution NAME    once the kata passes: the reference solution and the pitfalls
//	go run ./cmd/kata verify           stubs fail, references pass, peers pass, mutants are caught
//	go run ./cmd/kata bench NAME       a kata that passes, measured against the reference and the peers
//	go run ./cmd/kata explain NAME     the history that broke NAME's linearizable property, goroutine by goroutine
//	go run ./cmd/kata hunt NAME        a mutant to catch with your own test; --check proves the test
//	go run ./cmd/kata report           where you stand, as Markdown, --html or --json; --merge: a team's table
//	go run ./cmd/kata handout DIR      for trainers: a copy for learners, without the reference solutions
//
// Every command takes --help. The runner works from anywhere inside the
// module: it runs `go test -race -json` in the module root and reads its
// events, so a kata never needs more than plain `go test` to be checked.
//
// Exit status: 0 when the kata is solved or the command did what was asked,
// 1 when a property or a check fails (or the command could not do its
// work), 2 on a usage error: a bad flag, an unknown command or kata name.
// `go run` adds its own "exit status 1" line to stderr after a non-zero
// exit; a kata installed with `go install ./cmd/kata` does not.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"

	"github.com/conckata/conckata/internal/module"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	err := run(ctx, os.Stdin, os.Stdout, os.Stderr, os.Args[1:])
	stop()
	if err != nil && !errors.Is(err, errReported) {
		fmt.Fprintln(os.Stderr, "kata:", err)
	}
	os.Exit(exitCode(err)) // never "exit status 1": that is go run's own line
}

// errReported is returned by a command whose failure has already been told
// on its output (a failing property, a failed check): main only exits 1.
var errReported = errors.New("failures reported above")

// run runs the command that args name, finding the module root from the
// working directory.
func run(ctx context.Context, stdin io.Reader, stdout, stderr io.Writer, args []string) error {
	a := &app{stdin: stdin, stdout: stdout, stderr: stderr, stubs: stubFS, terminal: isTerminal(stdout), width: defaultWidth}
	if f, ok := stdout.(*os.File); ok {
		a.width = widthOf(f, a.terminal)
	}
	if !slices.ContainsFunc(args, isHelpFlag) {
		wd, err := os.Getwd()
		if err != nil {
			return fmt.Errorf("finding the working directory: %w", err)
		}
		if a.root, err = module.FindRoot(wd); err != nil {
			return err
		}
	}
	a.goTest = execGoTest(a.root, stderr)
	a.changes = watchChanges
	return a.dispatch(ctx, args)
}

// dispatch runs the command named by args[0], or the board without one.
func (a *app) dispatch(ctx context.Context, args []string) error {
	if len(args) == 0 {
		return a.board(ctx)
	}
	commands := map[string]func(context.Context, []string) error{
		"test":     a.testCmd,
		"watch":    a.watchCmd,
		"hint":     a.hintCmd,
		"reset":    a.resetCmd,
		"solution": a.solutionCmd,
		"verify":   a.verifyCmd,
		"bench":    a.benchCmd,
		"handout":  a.handoutCmd,
		"report":   a.reportCmd,
		"explain":  a.explainCmd,
		"hunt":     a.huntCmd,
	}
	if isHelpFlag(args[0]) || args[0] == "help" {
		fmt.Fprint(a.stdout, usage)
		return nil
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprint(a.stderr, usage)
		return usageErrorf("unknown command %q", args[0])
	}
	err := cmd(ctx, args[1:])
	if errors.Is(err, errHelpShown) {
		return nil
	}
	return err
}

const usage = `usage: go run ./cmd/kata [COMMAND]

  (no command)     the board: each kata's state, and the next one to do
  test NAME [-v]   run one kata's properties; -v adds each failure's detail
  watch [NAME]     test again on every save (Enter re-runs, q quits)
  hint NAME        the next hint for a kata (--reset forgets those shown)
  reset NAME       restore a kata's stub, backed up first (--all, --force)
  solution NAME    once a kata passes: its reference solution and pitfalls
  verify           check every kata: stub fails, reference, peers, mutants
  bench NAME       measure a kata that passes against the reference and the peers
  explain NAME [PROPERTY]  the history that broke a linearizable property, as a timeline
  hunt NAME        a known bug to catch with a test of your own (--check proves it)
  report           where you stand, for a trainer: Markdown, --html or --json
                   (--merge A.json B.json ...: the team's table)
  handout DIR      for trainers: a copy for learners, without the reference solutions

Each command takes --help. Exit status: 0 solved or done, 1 failing,
2 usage error (a bad flag, an unknown command or kata name). go run adds
"exit status N" after a non-zero exit; go install ./cmd/kata avoids it.
`

func isHelpFlag(arg string) bool {
	return arg == "-h" || arg == "-help" || arg == "--help"
}
