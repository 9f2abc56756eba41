package main

import (
	"encoding/json"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/conckata/conckata/internal/catalog"
)

// huntOverlay writes the go build -overlay file that adds the learner's hunt
// test to the reference's package (as it is: the kata's test files are the
// reference's) and to the suite's package (rewritten into that package:
// the suite's import dropped, its qualifier with it), so that it runs on the
// reference and on the suite's mutants. It returns the overlay file's path.
func (a *app) huntOverlay(k catalog.Kata, src []byte) (string, error) {
	suite := k.Name + "test"
	inSuite, err := intoPackage(src, suite, catalog.ImportPath(k.SuiteDir()))
	if err != nil {
		return "", fmt.Errorf("reading katas/%s/hunt_test.go: %w", k.Name, err)
	}
	dir := filepath.Join(a.root, ".kata", "hunt")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	files := map[string][]byte{
		filepath.Join(a.root, k.SolutionDir(), "zz_hunt_test.go"): src,
		filepath.Join(a.root, k.SuiteDir(), "zz_hunt_test.go"):    inSuite,
	}
	replace := map[string]string{}
	for target, data := range files {
		copyPath := filepath.Join(dir, filepath.Base(filepath.Dir(target))+"_hunt_test.go")
		if err := os.WriteFile(copyPath, data, 0o644); err != nil {
			return "", err
		}
		replace[target] = copyPath
	}
	data, err := json.Marshal(map[string]any{"Replace": replace})
	if err != nil {
		return "", err
	}
	overlay := filepath.Join(dir, "overlay.json")
	return overlay, os.WriteFile(overlay, data, 0o644)
}

// intoPackage rewrites a Go file of another package into package name, which
// has the import path path: the file's import of path goes, and so does the
// qualifier of every name it took from there.
func intoPackage(src []byte, name, path string) ([]byte, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "hunt_test.go", src, parser.ParseComments)
	if err != nil {
		return nil, err
	}
	type edit struct {
		from, to int
		text     string
	}
	off := func(p token.Pos) int { return fset.Position(p).Offset }
	edits := []edit{{off(f.Name.Pos()), off(f.Name.End()), name}}
	qualifier := ""
	for _, imp := range f.Imports {
		if strings.Trim(imp.Path.Value, `"`) == path {
			qualifier = name
			if imp.Name != nil {
				qualifier = imp.Name.Name
			}
			edits = append(edits, edit{off(imp.Pos()), off(imp.End()), ""})
		}
	}
	if qualifier != "" {
		ast.Inspect(f, func(n ast.Node) bool {
			if sel, ok := n.(*ast.SelectorExpr); ok {
				if id, ok := sel.X.(*ast.Ident); ok && id.Name == qualifier && id.Obj == nil {
					edits = append(edits, edit{off(id.Pos()), off(sel.Sel.Pos()), ""})
				}
			}
			return true
		})
	}
	slices.SortFunc(edits, func(x, y edit) int { return y.from - x.from })
	out := slices.Clone(src)
	for _, e := range edits {
		out = append(out[:e.from], append([]byte(e.text), out[e.to:]...)...)
	}
	return format.Source(out)
}
