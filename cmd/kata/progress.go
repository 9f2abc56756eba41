package main

import (
	"fmt"
	"io"
	"os"
)

// progressLine keeps one line at the bottom of a terminal that says how many
// of the properties started so far are decided ("7 of 13 properties
// decided"), redrawn in place as the run goes on. The zero value, for output
// that is not a terminal, draws nothing: a pipe or a golden file gets only
// the verdicts.
type progressLine struct {
	w                io.Writer // nil: not a terminal
	started, decided int
	shown            bool
}

// clearLine returns the cursor to the line's start and erases the line.
const clearLine = "\r\033[K"

// note counts a property's event and redraws the line.
func (p *progressLine) note(action string) {
	switch action {
	case "run":
		p.started++
	case "pass", "fail", "skip":
		p.decided++
	default:
		return
	}
	if p.w != nil {
		fmt.Fprintf(p.w, "%s%d of %d properties decided", clearLine, p.decided, p.started)
		p.shown = true
	}
}

// clear erases the line, so that a verdict can be printed in its place.
func (p *progressLine) clear() {
	if p.shown {
		fmt.Fprint(p.w, clearLine)
		p.shown = false
	}
}

// isTerminal reports whether w is a terminal (a character device).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}
