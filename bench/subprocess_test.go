package bench

import (
	"context"
	"fmt"
	"os/exec"
	"slices"
	"strings"
	"testing"

	"github.com/conckata/conckata/internal/conformance/subprocesstest"
	kata "github.com/conckata/conckata/katas/subprocess"
	"github.com/conckata/conckata/solutions/subprocess"
)

// converseFunc is Converse's signature.
type converseFunc = func(ctx context.Context, cmd *exec.Cmd, prompt string, inputs []string) ([]string, error)

var conversers = []impl[converseFunc]{
	{"reference", func() converseFunc { return subprocess.Converse }},
	{"communicate", func() converseFunc { return communicate }},
	{"kata", func() converseFunc { return kata.Converse }},
}

// communicate is the floor: Python's Popen.communicate(input) in Go. Every
// input is given at once, as the program's whole stdin, and its output is
// cut at the prompts once it has exited. It holds no dialogue (it cannot
// choose an answer after reading the question), and it cannot be cancelled.
func communicate(_ context.Context, cmd *exec.Cmd, prompt string, inputs []string) ([]string, error) {
	if len(inputs) > 0 {
		cmd.Stdin = strings.NewReader(strings.Join(inputs, "\n") + "\n")
	}
	out, err := cmd.Output()
	transcript, missing := subprocesstest.Transcript(string(out), prompt, len(inputs))
	if err == nil && missing >= 0 {
		err = fmt.Errorf("the program never asked for input %d", missing+1)
	}
	return transcript, err
}

// probeConverse converses with a console that asks for nothing: the kata's
// stub panics before it starts it.
func probeConverse(converse converseFunc) {
	cmd := subprocesstest.Script{Prompt: "> ", Answers: 0}.Command(context.Background())
	if _, err := converse(context.Background(), cmd, "> ", nil); err != nil {
		panic(err)
	}
}

// BenchmarkSubprocess measures whole dialogues with the console, this test
// binary in the helper role, each started anew: 1000 short questions and
// answers (op=inputs-1000, reporting sec/input too), and 2 MiB printed
// before each of two prompts (op=output-4mib, reporting the output's MB/s).
// The program's start is in every dialogue's time.
func BenchmarkSubprocess(b *testing.B) {
	short := subprocesstest.Script{Prompt: "> ", Reply: "ok ", Answers: -1}
	inputs := slices.Repeat([]string{"question"}, 1000)
	b.Run("op=inputs-1000", func(b *testing.B) {
		run(b, conversers, probeConverse, func(b *testing.B, converse converseFunc) {
			benchDialogue(b, converse, short, inputs)
			b.ReportMetric(b.Elapsed().Seconds()/float64(b.N*len(inputs)), "sec/input")
		})
	})
	large := subprocesstest.Script{Prompt: "> ", Fill: 2 << 20, Answers: 2}
	b.Run("op=output-4mib", func(b *testing.B) {
		run(b, conversers, probeConverse, func(b *testing.B, converse converseFunc) {
			b.SetBytes(int64(len(large.Output([]string{"a", "b"}))))
			benchDialogue(b, converse, large, []string{"a", "b"})
		})
	})
}

// benchDialogue converses with a console playing s, anew each time, and
// checks each transcript.
func benchDialogue(b *testing.B, converse converseFunc, s subprocesstest.Script, inputs []string) {
	ctx := b.Context()
	want, _ := s.Dialogue(inputs)
	for b.Loop() {
		got, err := converse(ctx, s.Command(ctx), s.Prompt, inputs)
		if err != nil || !slices.Equal(got, want) {
			b.Fatalf("Converse with %v returned %d entries, %v; want %d, nil", s, len(got), err, len(want))
		}
	}
}
