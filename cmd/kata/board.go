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
	kata    catalog.Kata
	state   string   // solved, N of M properties failing, not started, does not compile: ...
	failing []string // the properties that did not pass, if it ran
}

// survey returns the state of every kata of the checkout, in teaching order.
// A kata still equal to its stub is "not started" without a run. For the
// others the board reuses the state it found last time (boardcache.go) while
// their files and their suites are unchanged, and runs go test, once, on the
// rest only.
func (a *app) survey(ctx context.Context) ([]standing, error) {
	katas, err := a.present()
	if err != nil {
		return nil, err
	}
	cache := a.loadBoardCache()
	shared, err := a.sharedHash()
	if err != nil {
		return nil, err
	}
	if cache.Shared != shared {
		cache = boardCache{Shared: shared, Katas: map[string]cachedKata{}}
	}
	board := make([]standing, len(katas))
	var stale []int // indexes into board of the katas to run
	hashes := map[string]string{}
	for i, k := range katas {
		board[i] = standing{kata: k, state: "not started"}
		untouched, err := a.untouched(k.Name)
		if err != nil {
			return nil, err
		}
		if untouched {
			continue
		}
		h, err := a.kataHash(k.Name)
		if err != nil {
			return nil, err
		}
		if c, ok := cache.Katas[k.Name]; ok && c.Hash == h {
			board[i].state, board[i].failing = c.State, c.Failing
			continue
		}
		hashes[k.Name] = h
		stale = append(stale, i)
	}
	if len(stale) == 0 {
		return board, nil
	}
	args := []string{"-race", "-json"}
	for _, i := range stale {
		args = append(args, "./"+board[i].kata.Dir())
	}
	res, err := a.testAll(ctx, nil, args...)
	if err != nil {
		return nil, err
	}
	for _, i := range stale {
		k := board[i].kata
		o := outcomeOf(res, catalog.ImportPath(k.Dir()))
		board[i].state, board[i].failing = o.state(), o.failingNames()
		cache.Katas[k.Name] = cachedKata{Hash: hashes[k.Name], State: board[i].state, Failing: board[i].failing}
	}
	a.saveBoardCache(cache)
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
	h, err := a.loadHunts()
	if err != nil {
		return err
	}
	table := tabwriter.NewWriter(a.stdout, 0, 0, 2, ' ', 0)
	for _, s := range board {
		state := s.state
		switch n := len(h.Caught[s.kata.Name]); n {
		case 0:
		case 1:
			state += " · 1 mutant hunted"
		default:
			state += fmt.Sprintf(" · %d mutants hunted", n)
		}
		fmt.Fprintf(table, "%3d  %s\t%s\t%s\t%s\n", slices.Index(catalog.All, s.kata)+1, s.kata.Name, s.kata.Level, s.kata.Original, state)
	}
	if err := table.Flush(); err != nil {
		return fmt.Errorf("writing the board: %w", err)
	}
	if k, ok := next(board); ok {
		fmt.Fprintf(a.stdout, "\nnext: %s (read docs/katas/%s.md)\n", k.Name, k.Name)
	} else {
		fmt.Fprintf(a.stdout, "\nnext: none, every kata here is solved\n")
	}
	fmt.Fprintln(a.stdout, "commands: test NAME [-v] · watch [NAME] · hint NAME · solution NAME · bench NAME · explain NAME · hunt NAME · reset NAME · verify · each takes --help")
	return nil
}
