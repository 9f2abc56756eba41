package subprocesstest

import (
	"strings"
)

// Output is what s prints on stdout when it is given lines, one per line
// it asks for: it depends only on the lines, never on when they come.
func (s Script) Output(lines []string) string {
	var b strings.Builder
	b.WriteString(s.Banner)
	for asked := 0; s.Answers < 0 || asked < s.Answers; asked++ {
		b.WriteString(fill(s.Fill))
		b.WriteString(s.Prompt)
		if asked == len(lines) {
			break // its input ends here
		}
		if s.Reply != "" {
			b.WriteString(s.Reply + lines[asked] + "\n")
		}
	}
	b.WriteString(s.Bye)
	return b.String()
}

// Transcript is the model of Converse's transcript: output cut as asyncio's
// StreamReader.readuntil(prompt) would cut it, once per input, at the first
// prompt after the last one (a prompt inside the program's text counts, as
// it does for readuntil), then the rest. If output holds fewer than n
// prompts, the transcript ends with what follows the last one, and missing
// is the index of the first input that was never asked for; otherwise
// missing is -1.
func Transcript(output, prompt string, n int) (transcript []string, missing int) {
	for i := range n {
		before, after, found := strings.Cut(output, prompt)
		if !found {
			return append(transcript, output), i
		}
		transcript = append(transcript, before)
		output = after
	}
	return append(transcript, output), -1
}

// Dialogue is the model of a whole dialogue with s: the transcript
// Converse returns for inputs, and the index of the first input that s
// never asks for, or -1.
func (s Script) Dialogue(inputs []string) (transcript []string, missing int) {
	transcript, missing = Transcript(s.Output(inputs), s.Prompt, len(inputs))
	return transcript, missing
}
