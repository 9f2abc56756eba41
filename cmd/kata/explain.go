package main

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/conckata/conckata/internal/catalog"
	"github.com/conckata/conckata/internal/linearize"
)

func (a *app) explainCmd(ctx context.Context, args []string) error {
	fset := flag.NewFlagSet("explain", flag.ContinueOnError)
	html := fset.Bool("html", false, "also write porcupine's HTML timeline of the history, and print its path")
	names, err := a.parseArgs(fset, "explain NAME [PROPERTY] [--html]",
		"Explain runs one property of kata NAME afresh (linearizable, unless PROPERTY\n"+
			"names another) and, when it fails, shows the history that broke it: one\n"+
			"column per goroutine, each call where it started (▶) and where it returned\n"+
			"(◀ with its result), in the order they happened, the calls the model could\n"+
			"order marked with their place in that order, and ✗ on the first it could not.\n"+
			"For another property it shows the blocking calls the property started, with\n"+
			"their starts, cancellations and returns in order.", args)
	if err != nil {
		return err
	}
	if len(names) < 1 || len(names) > 2 {
		return usageErrorf("want a kata name and at most one property (usage: go run ./cmd/kata explain NAME [PROPERTY] [--html])")
	}
	k, err := a.kata(names[0])
	if err != nil {
		return err
	}
	property := "linearizable"
	if len(names) == 2 {
		property = names[1]
	}
	t, path, err := a.runForHistory(ctx, k, property)
	if err != nil {
		return err
	}
	if t.action == "pass" {
		fmt.Fprintf(a.stdout, "✓ %s passed this run: nothing to explain. A bug that depends on the schedule\n"+
			"does not fail every run: run explain again, or test %s a few times.\n", property, k.Name)
		return nil
	}
	a.printProperty(t, false)
	h, err := readHistory(path)
	if errors.Is(err, fs.ErrNotExist) {
		fmt.Fprintf(a.stdout, "\n%s recorded no history: it started no blocking call that explain could\n"+
			"follow. go run ./cmd/kata test %s -v shows its detail.\n", property, k.Name)
		return errReported
	}
	if err != nil {
		return err
	}
	fmt.Fprintln(a.stdout)
	fmt.Fprint(a.stdout, timeline(h, a.columns()))
	if *html {
		if err := a.explainHTML(h, path); err != nil {
			return err
		}
	}
	return errReported
}

// runForHistory runs property of kata k afresh, with the harness told to
// write the history of a failure to the returned path.
func (a *app) runForHistory(ctx context.Context, k catalog.Kata, property string) (*testResult, string, error) {
	test, err := a.kataTestName(k)
	if err != nil {
		return nil, "", err
	}
	path := filepath.Join(a.root, ".kata", "explain", k.Name+"-"+property+".json")
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, "", err
	}
	os.Remove(path)
	os.Remove(path + ".html")
	// The test binary, and the harness's child that runs the property,
	// inherit the runner's environment.
	os.Setenv(linearize.HistoryEnv, path)
	defer os.Unsetenv(linearize.HistoryEnv)
	pattern := "^" + test + "$/^" + regexp.QuoteMeta(property) + "$"
	res, err := a.testAll(ctx, nil, append([]string{"-run", pattern}, freshRun("./"+k.Dir())...)...)
	if err != nil {
		return nil, "", err
	}
	o := outcomeOf(res, catalog.ImportPath(k.Dir()))
	i := slices.IndexFunc(o.props, func(t *testResult) bool { return t.base() == property })
	if i < 0 {
		return nil, "", fmt.Errorf("katas/%s ran no property called %q (%s)", k.Name, property, o.state())
	}
	return o.props[i], path, nil
}

// readHistory reads the history a failing linearizable property wrote.
func readHistory(path string) (linearize.History, error) {
	var h linearize.History
	data, err := os.ReadFile(path)
	if err != nil {
		return h, err
	}
	if err := json.Unmarshal(data, &h); err != nil {
		return h, fmt.Errorf("reading the history in %s: %w", path, err)
	}
	return h, nil
}

// testFunc matches the top-level test of a kata's test file.
var testFunc = regexp.MustCompile(`(?m)^func (Test[A-Z]\w*)\(t \*testing\.T\)`)

// kataTestName returns the name of the test that runs kata k's properties.
func (a *app) kataTestName(k catalog.Kata) (string, error) {
	src, err := os.ReadFile(filepath.Join(a.root, k.Dir(), k.Name+"_test.go"))
	if err != nil {
		return "", fmt.Errorf("reading the test of katas/%s: %w", k.Name, err)
	}
	m := testFunc.FindSubmatch(src)
	if m == nil {
		return "", fmt.Errorf("katas/%s/%s_test.go has no func TestX(t *testing.T)", k.Name, k.Name)
	}
	return string(m[1]), nil
}

// timeline draws a history: one column per goroutine, one row per call or
// return in the order they happened. A call's row carries its place in the
// order the model accepted ("3."), or ✗ for the one it could not place.
func timeline(h linearize.History, width int) string {
	cells, goroutines := timelineCells(h)
	col := max(12, (width-2)/max(goroutines, 1)-1)
	var b strings.Builder
	var header string
	for g := range goroutines {
		header += pad(fmt.Sprintf("goroutine %d", g), col) + " "
	}
	b.WriteString(strings.TrimRight(header, " ") + "\n")
	for _, c := range cells {
		b.WriteString(strings.Repeat(" ", c.goroutine*(col+1)) + clip(c.text, col) + "\n")
	}
	if h.Stuck < 0 && len(h.Placed) == 0 {
		b.WriteString("\nEach column is a blocking call the property started (bubble.Start): its start (▶),\n" +
			"its cancellation (•) and its return (◀), in the order they happened. What the\n" +
			"property did between them (an Unlock, a Set) is not recorded: read it in the\n" +
			"property's code, at the anchor of its failure line.\n")
	}
	if h.Stuck >= 0 {
		fmt.Fprintf(&b, "\n✗ the model accepts the calls numbered 1 to %d in that order, and then none that\ncould come next, the first being goroutine %d's %s\n",
			len(h.Placed), h.Calls[h.Stuck].Goroutine, h.Calls[h.Stuck].What)
	}
	return b.String()
}

// cell is one row of a timeline: an event's text in its goroutine's column.
type cell struct {
	goroutine int
	text      string
}

// timelineCells orders the starts and returns of h's calls by their logical
// time, and says how many goroutines there are. A call's start carries its
// place in the order the model accepted ("3."), or ✗ for the one it could
// not place; an instant (Call == Return) is one event.
func timelineCells(h linearize.History) ([]cell, int) {
	type event struct {
		at   int64
		call int // index into h.Calls
		ret  bool
	}
	var events []event
	goroutines := 0
	for i, c := range h.Calls {
		events = append(events, event{c.Call, i, false})
		if c.Call != c.Return {
			events = append(events, event{c.Return, i, true})
		}
		goroutines = max(goroutines, c.Goroutine+1)
	}
	slices.SortStableFunc(events, func(x, y event) int { return cmp.Compare(x.at, y.at) })
	order := map[int]string{}
	for n, i := range h.Placed {
		order[i] = fmt.Sprintf("%d.", n+1)
	}
	if h.Stuck >= 0 {
		order[h.Stuck] = "✗"
	}
	var cells []cell
	for _, e := range events {
		c := h.Calls[e.call]
		text := "▶ " + order[e.call] + " " + callPart(c.What)
		switch {
		case c.Call == c.Return:
			text = "• " + c.What
		case e.ret:
			text = "◀ " + resultPart(c.What)
		}
		cells = append(cells, cell{c.Goroutine, strings.Join(strings.Fields(text), " ")})
	}
	return cells, goroutines
}

// callPart and resultPart split a model's description "Call(x) -> result"
// (or "= result") at its arrow, if it has one.
func callPart(what string) string {
	if call, _, ok := cutResult(what); ok {
		return call
	}
	return what
}

func resultPart(what string) string {
	if _, result, ok := cutResult(what); ok {
		return result
	}
	return "returned"
}

func cutResult(what string) (string, string, bool) {
	for _, sep := range []string{" -> ", " = ", " → "} {
		if call, result, ok := strings.Cut(what, sep); ok {
			return call, result, true
		}
	}
	return "", "", false
}

// pad and clip fit s to n columns.
func pad(s string, n int) string {
	c := clip(s, n)
	return c + strings.Repeat(" ", n-utf8.RuneCountInString(c))
}

func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}
