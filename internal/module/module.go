// Package module knows where the conckata module is: its import path, and the
// directory of its go.mod seen from anywhere inside the clone. The runner, the
// catalogue and the harness all find the module root here, so that it is
// found one way.
package module

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Path is the import path of the conckata module.
const Path = "github.com/conckata/conckata"

// FindRoot walks up from dir to the directory whose go.mod declares Path.
// Other modules on the way (a learner's scratch module inside the clone) are
// passed by. It fails if no directory at or above dir holds such a go.mod.
func FindRoot(dir string) (string, error) {
	for d := dir; ; d = filepath.Dir(d) {
		path, err := pathOf(filepath.Join(d, "go.mod"))
		if err != nil {
			return "", err
		}
		if path == Path {
			return d, nil
		}
		if filepath.Dir(d) == d {
			return "", fmt.Errorf("not inside the conckata module: no go.mod of %s in %s or above it; cd into your clone first", Path, dir)
		}
	}
}

// pathOf returns the module path that the go.mod file declares, or "" if
// there is no such file.
func pathOf(gomod string) (string, error) {
	f, err := os.Open(gomod)
	if errors.Is(err, fs.ErrNotExist) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("reading %s: %w", gomod, err)
	}
	defer f.Close()
	lines := bufio.NewScanner(f)
	for lines.Scan() {
		if f := strings.Fields(lines.Text()); len(f) >= 2 && f[0] == "module" {
			return strings.Trim(f[1], `"`), nil
		}
	}
	if err := lines.Err(); err != nil {
		return "", fmt.Errorf("reading %s: %w", gomod, err)
	}
	return "", nil
}
