package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
)

// boardFile keeps the board's last states at the module root, in the folder
// that .gitignore leaves out.
const boardFile = ".kata/board.json"

// boardCache is what the board remembers between calls: for each kata, the
// state it found and the hash of the files that state was found for. A state
// is reused only while both the kata's own files and everything its suite is
// built from (shared) are byte for byte the same, so the board redraws
// without running go test when nothing has changed, and runs only the katas
// that did change. `kata test` never uses it: it always runs afresh.
type boardCache struct {
	Shared string                `json:"shared"` // hash of the runner's Go version, go.mod, go.sum and internal/
	Katas  map[string]cachedKata `json:"katas"`
}

type cachedKata struct {
	Hash    string   `json:"hash"` // hash of katas/NAME
	State   string   `json:"state"`
	Failing []string `json:"failing,omitempty"` // the properties that did not pass
}

// loadBoardCache reads the cache. A missing or unreadable cache is an empty
// one: it only saves time.
func (a *app) loadBoardCache() boardCache {
	c := boardCache{Katas: map[string]cachedKata{}}
	data, err := os.ReadFile(filepath.Join(a.root, boardFile))
	if err != nil {
		return c
	}
	if json.Unmarshal(data, &c) != nil || c.Katas == nil {
		return boardCache{Katas: map[string]cachedKata{}}
	}
	return c
}

// saveBoardCache writes the cache; the board works without it, so a failure
// is only reported.
func (a *app) saveBoardCache(c boardCache) {
	data, err := json.MarshalIndent(c, "", "  ")
	if err == nil {
		path := filepath.Join(a.root, boardFile)
		if err = os.MkdirAll(filepath.Dir(path), 0o755); err == nil {
			err = os.WriteFile(path, append(data, '\n'), 0o644)
		}
	}
	if err != nil {
		fmt.Fprintf(a.stderr, "kata: could not keep the board's states in %s: %v\n", boardFile, err)
	}
}

// remember keeps the state a fresh run of kata name found, for the files it
// ran on, so that the board shows that run's result.
func (a *app) remember(name, shared, own string, o kataOutcome) {
	c := a.loadBoardCache()
	if c.Shared != shared {
		c = boardCache{Shared: shared, Katas: map[string]cachedKata{}}
	}
	c.Katas[name] = cachedKata{Hash: own, State: o.state(), Failing: o.failingNames()}
	a.saveBoardCache(c)
}

// sharedHash hashes what every kata's tests are built from besides the
// kata's own files: the runner's Go version, go.mod, go.sum and internal/
// (the harness and the suites). Files that do not exist hash as absent.
func (a *app) sharedHash() (string, error) {
	h := sha256.New()
	fmt.Fprintf(h, "go %s\n", runtime.Version())
	for _, rel := range []string{"go.mod", "go.sum", "internal"} {
		if err := hashTree(h, a.root, rel); err != nil {
			return "", err
		}
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// kataHash hashes the files of katas/NAME.
func (a *app) kataHash(name string) (string, error) {
	h := sha256.New()
	if err := hashTree(h, a.root, filepath.Join("katas", name)); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// hashTree writes the name and contents of every regular file under
// root/rel, in lexical order, to h.
func hashTree(h interface{ Write([]byte) (int, error) }, root, rel string) error {
	var files []string
	err := filepath.WalkDir(filepath.Join(root, rel), func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() {
			files = append(files, path)
		}
		return nil
	})
	if errors.Is(err, fs.ErrNotExist) {
		fmt.Fprintf(h, "absent %s\n", rel)
		return nil
	}
	if err != nil {
		return fmt.Errorf("reading %s: %w", rel, err)
	}
	sort.Strings(files)
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return fmt.Errorf("reading %s: %w", f, err)
		}
		fmt.Fprintf(h, "%s %d\n", relative(root, f), len(data))
		h.Write(data)
	}
	return nil
}
