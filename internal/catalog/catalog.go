// Package catalog lists the katas of the course in teaching order, each with
// the Python asyncio original it re-creates in Go.
//
// The list is the whole course, as the contract fixes it; a kata is present in
// a checkout once its directory katas/NAME exists, so the runner shows only
// the katas that have landed.
package catalog

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/conckata/conckata/internal/module"
)

// Kata is one exercise of the course.
type Kata struct {
	Name     string // the package name, and the directory under katas/ and solutions/
	Original string // the Python construct the kata re-creates, usually from asyncio
	Level    string // one word for how hard it is: easy, medium or hard (docs/teaching-order.md)
}

// The paths of a kata's parts, relative to the module root, with '/' as the
// separator (import paths are built from them).

// Dir is the directory of the learner's stub: katas/NAME.
func (k Kata) Dir() string { return "katas/" + k.Name }

// SolutionDir is the directory of the reference solution: solutions/NAME.
func (k Kata) SolutionDir() string { return "solutions/" + k.Name }

// SuiteDir is the directory of the conformance suite, with its peers and
// mutants: internal/conformance/NAMEtest.
func (k Kata) SuiteDir() string { return "internal/conformance/" + k.Name + "test" }

// DocPage is the kata's page: docs/katas/NAME.md.
func (k Kata) DocPage() string { return "docs/katas/" + k.Name + ".md" }

// ImportPath returns the import path of the package in dir, one of the
// directories above (k.Dir(), k.SolutionDir(), k.SuiteDir()).
func ImportPath(dir string) string { return module.Path + "/" + dir }

// All lists every kata in teaching order: each may build on the solutions of
// the ones before it, never on a later one.
var All = []Kata{
	{"event", "asyncio.Event", "easy"},
	{"lock", "asyncio.Lock", "medium"},
	{"semaphore", "asyncio.Semaphore", "hard"},
	{"task", "asyncio.create_task", "easy"},
	{"shield", "asyncio.shield", "easy"},
	{"gather", "asyncio.gather", "medium"},
	{"ascompleted", "asyncio.as_completed", "medium"},
	{"wait", "asyncio.wait", "medium"},
	{"queue", "asyncio.Queue", "hard"},
	{"counter", "multiprocessing.Value", "medium"},
	{"executor", "ProcessPoolExecutor.map", "medium"},
	{"mapreduce", "a ProcessPoolExecutor word count", "medium"},
	{"pool", "asyncpg.create_pool", "hard"},
	{"products", "an asyncpg and aiohttp service", "hard"},
	{"breaker", "a circuit breaker", "medium"},
	{"echo", "an asyncio socket echo server", "hard"},
	{"fetch", "aiohttp.ClientSession", "medium"},
	{"bff", "an aiohttp backend-for-frontend", "hard"},
	{"subprocess", "asyncio.create_subprocess_exec", "hard"},
}

// Lookup returns the kata called name, or false if the course has none.
func Lookup(name string) (Kata, bool) {
	for _, k := range All {
		if k.Name == name {
			return k, true
		}
	}
	return Kata{}, false
}

// Present returns, in teaching order, the katas whose directory katas/NAME
// exists under the module root.
func Present(root string) ([]Kata, error) {
	var present []Kata
	for _, k := range All {
		info, err := os.Stat(filepath.Join(root, filepath.FromSlash(k.Dir())))
		switch {
		case err == nil && info.IsDir():
			present = append(present, k)
		case err != nil && !errors.Is(err, fs.ErrNotExist):
			return nil, fmt.Errorf("catalog: looking for kata %s: %w", k.Name, err)
		}
	}
	return present, nil
}
