package subprocess_test

import (
	"context"
	"errors"
	"fmt"
	"os/exec"

	"github.com/conckata/conckata/solutions/subprocess"
)

// A dialogue with a shell script that asks two questions: each answer is
// written once its prompt has come, and the transcript holds what the
// script printed before each prompt, then the rest.
func Example() {
	script := `echo "What is your name?"; printf '> '; read name
echo "Hello, $name. Your quest?"; printf '> '; read quest
echo "Good luck with $quest."`
	cmd := exec.Command("sh", "-c", script)
	transcript, err := subprocess.Converse(context.Background(), cmd, "> ", []string{"Arthur", "the Grail"})
	for i, printed := range transcript {
		fmt.Printf("%d: %q\n", i, printed)
	}
	fmt.Println("error:", err)
	// Output:
	// 0: "What is your name?\n"
	// 1: "Hello, Arthur. Your quest?\n"
	// 2: "Good luck with the Grail.\n"
	// error: <nil>
}

// A program that fails: the error wraps its *exec.ExitError and holds what
// it wrote on stderr.
func Example_exitError() {
	cmd := exec.Command("sh", "-c", `printf '> '; read x; echo "no such file: $x" >&2; exit 3`)
	transcript, err := subprocess.Converse(context.Background(), cmd, "> ", []string{"notes.txt"})
	var exit *exec.ExitError
	fmt.Printf("%q\n", transcript)
	fmt.Println(errors.As(err, &exit), exit.ExitCode())
	fmt.Println(err)
	// Output:
	// ["" ""]
	// true 3
	// subprocess: sh: exit status 3, stderr "no such file: notes.txt\n"
}
