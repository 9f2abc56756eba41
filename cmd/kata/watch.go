package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/conckata/conckata/internal/catalog"
)

func (a *app) watchCmd(ctx context.Context, args []string) error {
	fset := flag.NewFlagSet("watch", flag.ContinueOnError)
	verbose := fset.Bool("v", false, "show the detail under each failing property")
	names, err := a.parseArgs(fset, "watch [NAME] [-v]",
		"Watch tests kata NAME (the board's next kata if none is named), then tests it\n"+
			"again each time a file in katas/NAME is saved; a save during a run stops\n"+
			"that run, whose verdict would be stale. Enter tests again at once; q and\n"+
			"Enter, the end of input, or Ctrl-C quits. Without NAME, once the kata\n"+
			"passes, n moves on to the board's next kata.", args)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel() // stops reading stdin
	lines := readLines(ctx, a.stdin)
	for {
		k, err := a.kataToWatch(ctx, names)
		if err != nil {
			return err
		}
		kataCtx, stopFollowing := context.WithCancel(ctx)
		changes := a.changes(kataCtx, filepath.Join(a.root, "katas", k.Name), a.stderr)
		moveOn, err := a.watchKata(kataCtx, k, *verbose, changes, lines, len(names) == 0)
		stopFollowing()
		if err != nil || !moveOn {
			return err
		}
	}
}

// kataToWatch returns the kata names names, or the board's next kata.
func (a *app) kataToWatch(ctx context.Context, names []string) (catalog.Kata, error) {
	switch len(names) {
	case 0:
		board, err := a.survey(ctx)
		if err != nil {
			return catalog.Kata{}, err
		}
		if k, ok := next(board); ok {
			return k, nil
		}
		return catalog.Kata{}, errors.New("every kata here is solved: name the one to watch")
	case 1:
		return a.kata(names[0])
	}
	return catalog.Kata{}, usageErrorf("want at most one kata name, got %d", len(names))
}

// watch tests kata k, then again on each report from changes and each empty
// line from lines, until ctx is done, a line says q or lines ends. A save or
// an Enter during a run stops that run, whose verdict would be stale, and
// starts the next at once.
func (a *app) watch(ctx context.Context, k catalog.Kata, verbose bool, changes, lines <-chan string) error {
	_, err := a.watchKata(ctx, k, verbose, changes, lines, false)
	return err
}

// moveOn is the reason runOnce gives when the learner asks for the next kata.
const moveOn = "n"

// watchKata is watch; with offerNext, once k passes it offers to move on to
// the next kata, and reports whether the learner took the offer.
func (a *app) watchKata(ctx context.Context, k catalog.Kata, verbose bool, changes, lines <-chan string, offerNext bool) (bool, error) {
	reason := "started"
	for {
		fmt.Fprintf(a.stdout, "\n── %s: testing katas/%s ──\n", reason, k.Name)
		next, quit, err := a.runOnce(ctx, k, verbose, changes, lines, offerNext)
		switch {
		case err != nil:
			return false, err
		case quit:
			fmt.Fprintln(a.stdout, "\nstopped watching")
			return false, nil
		case next == moveOn:
			fmt.Fprintf(a.stdout, "\nkatas/%s is solved: on to the next kata\n", k.Name)
			return true, nil
		}
		reason = next
	}
}

// runOnce tests k and waits, during the run and after it, for the next
// reason to test again: a save or an Enter. It reports quit when ctx is done,
// the learner types q or stdin ends. A run still going on when the next
// reason comes is cancelled, and waited for, first.
func (a *app) runOnce(ctx context.Context, k catalog.Kata, verbose bool, changes, lines <-chan string, offerNext bool) (next string, quit bool, err error) {
	runCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	result := make(chan error, 1)
	go func() { result <- a.testKata(runCtx, k, verbose) }()
	running := result
	passed := false
	stop := func(stale bool) { // stale: a newer run replaces it
		if running != nil {
			cancel()
			<-running
			running = nil
			if stale {
				fmt.Fprintf(a.stdout, "\n(run of katas/%s stopped: its verdict would be stale)\n", k.Name)
			}
		}
	}
	for {
		select {
		case err := <-running:
			running = nil
			if ctx.Err() != nil {
				return "", true, nil
			}
			if err != nil && !errors.Is(err, errReported) {
				return "", false, err
			}
			fmt.Fprintf(a.stdout, "\nwatching katas/%s: save a file to test again · Enter tests now · q quits\n", k.Name)
			if passed = err == nil && offerNext; passed {
				fmt.Fprintln(a.stdout, "solved! n and Enter: next kata")
			}
		case <-ctx.Done():
			stop(false)
			return "", true, nil
		case files, ok := <-changes:
			if !ok {
				changes = nil // only once ctx is done
				continue
			}
			stop(true)
			return files + " changed", false, nil
		case line, ok := <-lines:
			switch cmd := strings.ToLower(strings.TrimSpace(line)); {
			case !ok || cmd == "q" || cmd == "quit" || cmd == "exit": // end of input quits too
				stop(false)
				return "", true, nil
			case cmd == "":
				stop(true)
				return "Enter", false, nil
			case cmd == moveOn && passed:
				return moveOn, false, nil
			default:
				fmt.Fprintln(a.stdout, "Enter tests again, q quits")
			}
		}
	}
}

// readLines sends each line read from r until r ends or ctx is done, then
// closes the channel.
func readLines(ctx context.Context, r io.Reader) <-chan string {
	lines := make(chan string)
	go func() {
		defer close(lines)
		scanner := bufio.NewScanner(r)
		for scanner.Scan() {
			select {
			case lines <- scanner.Text():
			case <-ctx.Done():
				return
			}
		}
	}()
	return lines
}
