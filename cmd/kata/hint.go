package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

func (a *app) hintCmd(_ context.Context, args []string) error {
	fset := flag.NewFlagSet("hint", flag.ContinueOnError)
	reset := fset.Bool("reset", false, "forget the hints shown so far for NAME")
	k, err := a.oneKata(fset, "hint NAME [--reset]",
		"Hint prints the next hint for kata NAME from docs/katas/NAME.md: one more on each\n"+
			"call, and the last one again once all have been shown. The count is kept in\n"+
			".kata/hints.json at the module root.", args)
	if err != nil {
		return err
	}
	seen, err := a.loadHintsSeen()
	if err != nil {
		return err
	}
	if *reset {
		delete(seen, k.Name)
		fmt.Fprintf(a.stdout, "hints for %s forgotten: the next one is hint 1\n", k.Name)
		return a.saveHintsSeen(seen)
	}
	page, hints, err := a.hints(k.Name)
	if err != nil {
		return err
	}
	n := min(seen[k.Name]+1, len(hints))
	fmt.Fprintf(a.stdout, "%s: hint %d of %d\n\n%s\n", k.Name, n, len(hints), hints[n-1])
	if seen[k.Name] >= len(hints) {
		fmt.Fprintf(a.stdout, "\nThere are no more hints: that was the last one again. Each property is explained in %s.\n", page)
	}
	seen[k.Name] = n
	return a.saveHintsSeen(seen)
}

// hints returns the path of kata name's doc page and its hints.
func (a *app) hints(name string) (string, []string, error) {
	page := filepath.Join("docs", "katas", name+".md")
	doc, err := os.ReadFile(filepath.Join(a.root, page))
	if err != nil {
		return "", nil, fmt.Errorf("reading the hints of %s: %w", name, err)
	}
	hints := hintsIn(string(doc))
	if len(hints) == 0 {
		return "", nil, fmt.Errorf("%s has no \"### Hint 1\" under \"## Hints\"", page)
	}
	return page, hints, nil
}

// hintsIn returns the text of each "### Hint N" section under "## Hints" of
// a doc page, in order, without its heading. A section ends at the next
// heading of any level; lines inside ``` fences are never headings.
func hintsIn(doc string) []string {
	var hints []string
	var current []string
	inHints, inHint, fenced := false, false, false
	flush := func() {
		if inHint {
			hints = append(hints, strings.TrimSpace(strings.Join(current, "\n")))
		}
		current, inHint = nil, false
	}
	for line := range strings.Lines(doc) {
		line = strings.TrimRight(line, "\r\n")
		if isFold(line) {
			continue
		}
		if strings.HasPrefix(line, "```") {
			fenced = !fenced
		}
		if fenced || !strings.HasPrefix(line, "#") {
			current = append(current, line)
			continue
		}
		flush()
		if level := len(line) - len(strings.TrimLeft(line, "#")); level <= 2 {
			inHints = strings.TrimSpace(line[level:]) == "Hints" && level == 2
		} else if inHints && strings.HasPrefix(strings.TrimSpace(line[level:]), "Hint ") {
			inHint = true
		}
	}
	flush()
	return hints
}

// isFold reports whether line is one of the HTML lines that fold a doc
// page's hints and pitfalls away (<details>, <summary>...</summary>,
// </details>): the runner shows what they fold, without them.
func isFold(line string) bool {
	t := strings.TrimSpace(line)
	return t == "<details>" || t == "</details>" || strings.HasPrefix(t, "<summary>") && strings.HasSuffix(t, "</summary>")
}

// hintsFile keeps, per kata, how many hints the learner has seen.
const hintsFile = ".kata/hints.json"

func (a *app) loadHintsSeen() (map[string]int, error) {
	seen := map[string]int{}
	data, err := os.ReadFile(filepath.Join(a.root, hintsFile))
	if errors.Is(err, fs.ErrNotExist) {
		return seen, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading the hints shown so far: %w", err)
	}
	if err := json.Unmarshal(data, &seen); err != nil {
		return nil, fmt.Errorf("reading %s (delete it to start over): %w", hintsFile, err)
	}
	return seen, nil
}

func (a *app) saveHintsSeen(seen map[string]int) error {
	data, err := json.MarshalIndent(seen, "", "  ")
	if err != nil {
		return fmt.Errorf("recording the hints shown: %w", err)
	}
	path := filepath.Join(a.root, hintsFile)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("recording the hints shown: %w", err)
	}
	if err := os.WriteFile(path, append(data, '\n'), 0o644); err != nil {
		return fmt.Errorf("recording the hints shown: %w", err)
	}
	return nil
}
