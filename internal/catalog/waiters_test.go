package catalog

import (
	"bytes"
	"go/ast"
	"go/parser"
	"go/printer"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/conckata/conckata/internal/module"
)

// The references of these katas each keep their own intrusive FIFO list of
// waiters instead of sharing one: the list is part of what each kata
// teaches, and a reference read after solving should be whole in one
// package (docs/adding-a-kata.md). This test keeps the copies from drifting:
// the bodies of push and remove must read the same in all of them, but for
// the receiver's name and a count of waiters that some keep.
var waiterLists = []string{"semaphore", "queue", "pool"}

func TestWaiterListsStayEqual(t *testing.T) {
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	root, err := module.FindRoot(wd)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{}
	for _, name := range waiterLists {
		k, ok := Lookup(name)
		if !ok {
			t.Fatalf("no kata %s", name)
		}
		bodies := listMethods(t, filepath.Join(root, k.SolutionDir(), "waiters.go"))
		for _, method := range []string{"push", "remove"} {
			got, ok := bodies[method]
			switch {
			case !ok:
				t.Errorf("%s/waiters.go has no method %s on waitQueue", k.SolutionDir(), method)
			case want[method] == "":
				want[method] = got
			case got != want[method]:
				t.Errorf("waitQueue.%s in %s differs from %s's:\n%s\nwant:\n%s", method, k.SolutionDir(), waiterLists[0], got, want[method])
			}
		}
	}
}

// listMethods returns the bodies of the methods of waitQueue in the file at
// path, printed with the receiver renamed to q and lines counting waiters
// (those that touch a len field) left out.
func listMethods(t *testing.T, path string) map[string]string {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, path, nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	bodies := map[string]string{}
	for _, d := range f.Decls {
		fn, ok := d.(*ast.FuncDecl)
		if !ok || fn.Recv == nil || !strings.Contains(recvType(fn), "waitQueue") {
			continue
		}
		recv := regexp.MustCompile(`\b` + fn.Recv.List[0].Names[0].Name + `\.`)
		var b bytes.Buffer
		if err := printer.Fprint(&b, fset, fn.Body); err != nil {
			t.Fatal(err)
		}
		var lines []string
		for _, l := range strings.Split(b.String(), "\n") {
			l = recv.ReplaceAllString(l, "q.")
			if !strings.Contains(l, ".len") {
				lines = append(lines, l)
			}
		}
		bodies[fn.Name.Name] = strings.Join(lines, "\n")
	}
	return bodies
}

// recvType returns the receiver's type as written, e.g. "*waitQueue[T]".
func recvType(fn *ast.FuncDecl) string {
	var b bytes.Buffer
	printer.Fprint(&b, token.NewFileSet(), fn.Recv.List[0].Type)
	return b.String()
}
