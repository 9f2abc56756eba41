package main

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// modulePath is the module the runner works in.
const modulePath = "github.com/conckata/conckata"

// findRoot walks up from dir to the directory whose go.mod declares
// modulePath. Other modules on the way (a learner's scratch module inside the
// clone) are passed by.
func findRoot(dir string) (string, error) {
	for d := dir; ; d = filepath.Dir(d) {
		path, err := moduleOf(filepath.Join(d, "go.mod"))
		if err != nil {
			return "", err
		}
		if path == modulePath {
			return d, nil
		}
		if filepath.Dir(d) == d {
			return "", fmt.Errorf("not inside the conckata module: no go.mod of %s in %s or above it; cd into your clone first", modulePath, dir)
		}
	}
}

// moduleOf returns the module path that the go.mod file declares, or "" if
// there is no such file.
func moduleOf(gomod string) (string, error) {
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
