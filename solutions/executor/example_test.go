package executor_test

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/conckata/conckata/solutions/executor"
)

func Example() {
	ctx := context.Background()
	words := []string{"gopher", "asyncio", "executor"}
	shout := func(_ context.Context, w string) (string, error) { return strings.ToUpper(w), nil }

	// Map: every result at once, in input order, at most 2 calls at a time.
	loud, err := executor.Map(ctx, 2, words, shout)
	fmt.Println(loud, err)

	// Stream: results one by one from a lazily read input; breaking out of
	// the loop cancels the calls still running and waits for them.
	for w, err := range executor.Stream(ctx, 2, slices.Values(words), shout) {
		if err != nil {
			fmt.Println(err)
			break
		}
		fmt.Println(w)
	}
	// Output:
	// [GOPHER ASYNCIO EXECUTOR] <nil>
	// GOPHER
	// ASYNCIO
	// EXECUTOR
}
