package panicerr

import (
	"errors"
	"fmt"
	"runtime/debug"
	"testing"

	"github.com/conckata/conckata/solutions/task"
)

var errBoom = errors.New("boom")

func TestProblem(t *testing.T) {
	good := &task.PanicError{Value: "p", Stack: debug.Stack()}
	cases := []struct {
		name    string
		err     error
		inStack string
		ok      bool
	}{
		{"the PanicError", good, "", true},
		{"the PanicError, wrapped", fmt.Errorf("wrapped: %w", good), "TestProblem", true},
		{"not a PanicError", errBoom, "", false},
		{"nil", nil, "", false},
		{"another value", &task.PanicError{Value: "q", Stack: good.Stack}, "", false},
		{"no stack", &task.PanicError{Value: "p"}, "", false},
		{"a stack without the function", good, "nowhere", false},
	}
	for _, c := range cases {
		why := Problem(c.err, "p", c.inStack)
		if (why == "") != c.ok {
			t.Errorf("Problem(%s) = %q, want ok %v", c.name, why, c.ok)
		}
		if Is(c.err) != (c.name != "not a PanicError" && c.name != "nil") {
			t.Errorf("Is(%s) = %v", c.name, Is(c.err))
		}
	}
}
