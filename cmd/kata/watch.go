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
			"again each time a file in katas/NAME is saved. Enter tests again at once;\n"+
			"q and Enter, or Ctrl-C, quits.", args)
	if err != nil {
		return err
	}
	k, err := a.kataToWatch(ctx, names)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel() // stops following the files and reading stdin
	changes := a.changes(ctx, filepath.Join(a.root, "katas", k.Name), a.stderr)
	return a.watch(ctx, k, *verbose, changes, readLines(ctx, a.stdin))
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
// line from lines, until ctx is done or a line says q.
func (a *app) watch(ctx context.Context, k catalog.Kata, verbose bool, changes, lines <-chan string) error {
	reason := "started"
	for {
		fmt.Fprintf(a.stdout, "\n── %s: testing katas/%s ──\n", reason, k.Name)
		err := a.testKata(ctx, k, verbose)
		if ctx.Err() != nil {
			fmt.Fprintln(a.stdout, "\nstopped watching")
			return nil
		}
		if err != nil && !errors.Is(err, errReported) {
			return err
		}
		fmt.Fprintf(a.stdout, "\nwatching katas/%s: save a file to test again · Enter tests now · q quits\n", k.Name)
		var quit bool
		if reason, quit = a.await(ctx, changes, lines); quit {
			fmt.Fprintln(a.stdout, "stopped watching")
			return nil
		}
	}
}

// await waits for the next reason to test again. It reports quit when ctx is
// done or the learner types q.
func (a *app) await(ctx context.Context, changes, lines <-chan string) (reason string, quit bool) {
	for {
		select {
		case <-ctx.Done():
			return "", true
		case files, ok := <-changes:
			if !ok {
				changes = nil // only once ctx is done
				continue
			}
			return files + " changed", false
		case line, ok := <-lines:
			switch strings.ToLower(strings.TrimSpace(line)) {
			case "":
				if !ok {
					lines = nil // stdin is closed: only saves re-run now
					continue
				}
				return "Enter", false
			case "q", "quit", "exit":
				return "", true
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
