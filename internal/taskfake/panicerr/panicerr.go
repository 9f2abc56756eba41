// Package panicerr checks the *task.PanicError that the katas built on
// solutions/task (ascompleted, gather, executor, ...) return in the place of
// a function that panicked or called runtime.Goexit. It is apart from
// taskfake so that the task kata's own suite, which solutions/task's tests
// run, does not import solutions/task.
package panicerr

import (
	"bytes"
	"errors"
	"fmt"

	"github.com/conckata/conckata/solutions/task"
)

// Is reports whether err is, or wraps, a *task.PanicError.
func Is(err error) bool {
	var pe *task.PanicError
	return errors.As(err, &pe)
}

// Problem says what is wrong with err as the error that stands for
// a function that panicked with value, or "" if nothing is: it must be, or
// wrap, a *task.PanicError of that value whose Stack is the panicking
// goroutine's (debug.Stack), naming the function inStack if inStack is not
// "".
func Problem(err error, value any, inStack string) string {
	var pe *task.PanicError
	switch {
	case !errors.As(err, &pe):
		return fmt.Sprintf("it is %v (%T), not a *task.PanicError", err, err)
	case pe.Value != value:
		return fmt.Sprintf("it is a *task.PanicError of %#v, not of the value the function panicked with, %#v", pe.Value, value)
	case !bytes.Contains(pe.Stack, []byte("goroutine ")) || !bytes.Contains(pe.Stack, []byte(inStack)):
		return fmt.Sprintf("it is a *task.PanicError whose Stack (%d bytes) is not the stack of the panicking goroutine (debug.Stack in the deferred recover)%s", len(pe.Stack), naming(inStack))
	}
	return ""
}

func naming(fn string) string {
	if fn == "" {
		return ""
	}
	return ", which names " + fn
}
