package main

import (
	"slices"
	"strings"

	"github.com/conckata/conckata/internal/harness/report"
)

// pitfall is one "### title" of a doc page's Pitfalls: the mutants it shows
// and the properties that catch them.
type pitfall struct {
	title    string
	mutants  []string // from its "Mutant: `name`" sentence
	caughtBy []string // from its "Caught by `a` and `b`, ..." sentence
	story    string   // its text up to "Caught by", without the "Mutant: `name`." lead
}

// pitfallsIn reads the Pitfalls section of a doc page, in page order.
func pitfallsIn(page string) []pitfall {
	var out []pitfall
	var text []string
	flush := func() {
		if len(out) == 0 {
			return
		}
		joined := strings.Join(strings.Fields(strings.Join(text, " ")), " ")
		last := &out[len(out)-1]
		last.mutants = namesInSentence(joined, "Mutant")
		last.caughtBy = namesInSentence(joined, "Caught by")
		story, _, _ := strings.Cut(joined, "Caught by")
		if _, rest, ok := strings.Cut(story, "`. "); ok && strings.HasPrefix(story, "Mutant") {
			story = rest
		}
		last.story = strings.TrimSpace(story)
		text = nil
	}
	in := false
	for _, line := range strings.Split(page, "\n") {
		switch {
		case strings.HasPrefix(line, "## "):
			if in {
				flush()
			}
			in = strings.TrimSpace(line[3:]) == "Pitfalls"
		case in && strings.HasPrefix(line, "### "):
			flush()
			out = append(out, pitfall{title: strings.TrimSpace(line[4:])})
		case in && !isFold(line):
			text = append(text, line)
		}
	}
	if in {
		flush()
	}
	return out
}

// namesInSentence returns the backquoted kebab-case names of the sentence of
// text that starts with lead, up to its full stop (a dot outside backquotes
// followed by a space or the end).
func namesInSentence(text, lead string) []string {
	i := strings.Index(text, lead)
	if i < 0 {
		return nil
	}
	rest := text[i+len(lead):]
	var names []string
	inCode, start := false, 0
	for j := 0; j < len(rest); j++ {
		switch c := rest[j]; {
		case c == '`' && !inCode:
			inCode, start = true, j+1
		case c == '`':
			inCode = false
			if name := rest[start:j]; report.IsName(name) {
				names = append(names, name)
			}
		case c == '.' && !inCode && (j+1 == len(rest) || rest[j+1] == ' '):
			return names
		}
	}
	return names
}

// resemblance is the known bug that a failing property points to.
type resemblance struct {
	mutant, title string
}

// resembles returns, for each failing property, the pitfall whose catching
// properties look most like the failing set (the most shared over the most
// in either), among those that the property catches; ties go to the first
// on the page.
func resembles(pitfalls []pitfall, failing []string) map[string]resemblance {
	out := map[string]resemblance{}
	for _, prop := range failing {
		best, bestScore := -1, 0.0
		for i, p := range pitfalls {
			if !slices.Contains(p.caughtBy, prop) || len(p.mutants) == 0 {
				continue
			}
			shared := 0
			for _, c := range p.caughtBy {
				if slices.Contains(failing, c) {
					shared++
				}
			}
			score := float64(shared) / float64(len(p.caughtBy)+len(failing)-shared)
			if score > bestScore {
				best, bestScore = i, score
			}
		}
		if best >= 0 {
			out[prop] = resemblance{pitfalls[best].mutants[0], pitfalls[best].title}
		}
	}
	return out
}
