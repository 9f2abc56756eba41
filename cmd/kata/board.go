package main

import (
	"context"
	"fmt"
	"slices"
	"text/tabwriter"

	"github.com/conckata/conckata/internal/catalog"
)

// standing is one kata's line on the board.
type standing struct {
	kata  catalog.Kata
	state string // solved, N of M properties failing, not started, does not compile: ...
}

// survey returns the state of every kata of the checkout, in teaching order.
// One `go test` run covers them all: go caches the results of the packages
// that did not change, so the board is quick to redraw.
func (a *app) survey(ctx context.Context) ([]standing, error) {
	katas, err := a.present()
	if err != nil {
		return nil, err
	}
	res, err := a.testAll(ctx, nil, "-race", "-json", "./katas/...")
	if err != nil {
		return nil, err
	}
	var board []standing
	for _, k := range katas {
		state := "not started"
		untouched, err := a.untouched(k.Name)
		if err != nil {
			return nil, err
		}
		if !untouched {
			state = outcomeOf(res, catalog.ImportPath(k.Dir())).state()
		}
		board = append(board, standing{k, state})
	}
	return board, nil
}

// next returns the first kata of the board that is not solved.
func next(board []standing) (catalog.Kata, bool) {
	for _, s := range board {
		if s.state != "solved" {
			return s.kata, true
		}
	}
	return catalog.Kata{}, false
}

// board prints every kata of the checkout with its state, then the next one
// to do and a reminder of the commands.
func (a *app) board(ctx context.Context) error {
	board, err := a.survey(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "conckata: concurrency katas, from Python's asyncio to Go\n\n")
	table := tabwriter.NewWriter(a.stdout, 0, 0, 2, ' ', 0)
	for _, s := range board {
		fmt.Fprintf(table, "%3d  %s\t%s\t%s\n", slices.Index(catalog.All, s.kata)+1, s.kata.Name, s.kata.Original, s.state)
	}
	if err := table.Flush(); err != nil {
		return fmt.Errorf("writing the board: %w", err)
	}
	if k, ok := next(board); ok {
		fmt.Fprintf(a.stdout, "\nnext: %s (read docs/katas/%s.md)\n", k.Name, k.Name)
	} else {
		fmt.Fprintf(a.stdout, "\nnext: none, every kata here is solved\n")
	}
	fmt.Fprintln(a.stdout, "commands: test NAME [-v] · watch [NAME] · hint NAME · reset NAME · verify · each takes --help")
	return nil
}
