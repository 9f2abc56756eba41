package subprocesstest

import (
	"context"
	"fmt"
	"os/exec"
	"slices"
	"strings"
	"testing"

	"pgregory.net/rapid"
)

// untilEOF is a Script's Answers for a console that asks for lines until
// its input ends.
const untilEOF = -1

// converse has impl converse with a console playing s, given inputs.
func converse(ctx context.Context, impl Impl, s Script, inputs []string) (*exec.Cmd, []string, error) {
	cmd := s.Command(context.Background())
	got, err := impl.Converse(ctx, cmd, s.Prompt, inputs)
	return cmd, got, err
}

// call describes a call of Converse with s and inputs.
func call(s Script, inputs []string) string {
	return fmt.Sprintf("Converse(ctx, %v, %s, %s)", s, short(s.Prompt), shortList(inputs))
}

// transcriptDiff says how got differs from want, or "" if it does not.
func transcriptDiff(got, want []string) string {
	if slices.Equal(got, want) {
		return ""
	}
	if len(got) != len(want) {
		return fmt.Sprintf("a transcript of %d entries, %s; want %d, %s", len(got), shortList(got), len(want), shortList(want))
	}
	i := 0
	for got[i] == want[i] {
		i++
	}
	return fmt.Sprintf("transcript[%d] = %s; want %s (the transcript was %s)", i, short(got[i]), short(want[i]), shortList(got))
}

// textRunes are the runes of the prompts and program texts that
// transcript-is-exact draws: few, so that prompts turn up inside texts and
// overlap each other ("aa" in "aaa"). Filler dots are not among them.
var textRunes = []rune("ab>: é\t")

func transcriptIsExact(t *testing.T, impl Impl) {
	rapid.Check(t, func(rt *rapid.T) {
		text := func(label string) string {
			return rapid.StringOf(rapid.SampledFrom(append(textRunes, '\n'))).Draw(rt, label)
		}
		s := Script{
			Prompt:  rapid.StringOfN(rapid.SampledFrom(textRunes), 1, 3, -1).Draw(rt, "prompt"),
			Banner:  text("banner"),
			Reply:   text("reply"),
			Bye:     text("bye"),
			Fill:    rapid.SampledFrom([]int{0, 0, 1, 4096, 100_000}).Draw(rt, "fill"),
			FillErr: rapid.SampledFrom([]int{0, 100, 100_000}).Draw(rt, "fill-err"),
			Split:   rapid.Bool().Draw(rt, "split"),
			Answers: untilEOF,
		}
		noNewline := rapid.Rune().Filter(func(r rune) bool { return r != '\n' })
		inputs := rapid.SliceOfN(rapid.StringOf(noNewline), 0, 5).Draw(rt, "inputs")
		want, _ := s.Dialogue(inputs)
		_, got, err := converse(t.Context(), impl, s, inputs)
		if err != nil {
			rt.Fatalf("%s returned error %s; want the transcript %s and no error", call(s, inputs), errText(err), shortList(want))
		}
		if diff := transcriptDiff(got, want); diff != "" {
			rt.Fatalf("%s returned %s", call(s, inputs), diff)
		}
	})
}

func largeOutputNeverDeadlocks(t *testing.T, impl Impl) {
	s := Script{
		Prompt: "> ", Banner: "hello\n", Reply: "you said ", Bye: "bye\n",
		Fill: 1 << 20, FillErr: 1 << 20, Answers: untilEOF,
	}
	var inputs []string
	for _, word := range []string{"one ", "two ", "three "} {
		inputs = append(inputs, strings.Repeat(word, (256<<10)/len(word)))
	}
	want, _ := s.Dialogue(inputs)
	_, got, err := converse(t.Context(), impl, s, inputs)
	if err != nil {
		t.Fatalf("%s returned error %s; want the transcript and no error", call(s, inputs), errText(err))
	}
	if diff := transcriptDiff(got, want); diff != "" {
		t.Errorf("%s returned %s", call(s, inputs), diff)
	}
}
