package main

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// quietPeriod is how long a directory must stay still after a change before
// the change is reported: an editor's save is a burst of events (vim writes
// 4913, renames the file to file~, writes the file, removes file~).
const quietPeriod = 200 * time.Millisecond

// watchChanges reports, until ctx is done, the files of dir that changed: one
// report per burst of changes, naming each file by its path under dir
// ("echo.go", "cmd/echo/main.go"). It follows the directory and the
// subdirectories it has when the watch starts, not the files, so that saves
// that replace a file by renaming another onto it are seen. If the system
// cannot send file events, it looks at the files once a second instead, and
// says so on stderr.
func watchChanges(ctx context.Context, dir string, stderr io.Writer) <-chan string {
	events, err := notify(ctx, dir)
	if err != nil {
		fmt.Fprintf(stderr, "watch: cannot follow file events (%v); looking at %s once a second instead\n", err, dir)
		ticker := time.NewTicker(time.Second)
		context.AfterFunc(ctx, ticker.Stop)
		events = poll(ctx, dir, ticker.C)
	}
	return debounce(ctx, events, quietPeriod)
}

// notify sends the path under dir of each file of dir or of its
// subdirectories that fsnotify reports created, written, removed or renamed,
// editors' temporary files left out.
func notify(ctx context.Context, dir string) (<-chan string, error) {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	err = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			err = w.Add(path)
		}
		return err
	})
	if err != nil {
		w.Close()
		return nil, err
	}
	names := make(chan string)
	go func() {
		defer close(names)
		defer w.Close()
		forward(ctx, w, dir, names)
	}()
	return names, nil
}

// forward sends the path under dir of each file w reports changed until ctx
// is done.
func forward(ctx context.Context, w *fsnotify.Watcher, dir string, names chan<- string) {
	for {
		select {
		case <-ctx.Done():
			return
		case e, ok := <-w.Events:
			if !ok {
				return
			}
			if e.Op != fsnotify.Chmod && !isEditorTemp(e.Name) && !send(ctx, names, relative(dir, e.Name)) {
				return
			}
		case <-w.Errors: // an overflow: the next event will do
		}
	}
}

// fileStamp is what poll compares: a save changes one or the other.
type fileStamp struct {
	modified int64 // in nanoseconds since 1970
	size     int64
}

// poll looks at dir on each tick and sends the name of each file added,
// removed or changed since the tick before (or the call, for the first),
// editors' temporary files left out.
func poll(ctx context.Context, dir string, tick <-chan time.Time) <-chan string {
	names := make(chan string)
	before := stamps(dir)
	go func() {
		defer close(names)
		for {
			select {
			case <-ctx.Done():
				return
			case <-tick:
			}
			now := stamps(dir)
			for _, name := range changed(before, now) {
				if !send(ctx, names, name) {
					return
				}
			}
			before = now
		}
	}()
	return names
}

// changed returns the names of the files added, removed or changed between
// two looks at a directory, sorted.
func changed(before, now map[string]fileStamp) []string {
	var names []string
	for name, stamp := range now {
		if was, ok := before[name]; !ok || was != stamp {
			names = append(names, name)
		}
	}
	for name := range before {
		if _, ok := now[name]; !ok {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	return names
}

// stamps returns the stamp of each file of dir and of its subdirectories, by
// its path under dir, but editors' temporary files. An unreadable directory
// has none: its files count as removed.
func stamps(dir string) map[string]fileStamp {
	files := map[string]fileStamp{}
	filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || isEditorTemp(d.Name()) {
			return nil // an unreadable entry is left out, the rest still looked at
		}
		if info, err := d.Info(); err == nil {
			files[relative(dir, path)] = fileStamp{info.ModTime().UnixNano(), info.Size()}
		}
		return nil
	})
	return files
}

func send(ctx context.Context, names chan<- string, name string) bool {
	select {
	case names <- name:
		return true
	case <-ctx.Done():
		return false
	}
}

// debounce gathers the names that arrive on in until quiet passes without
// one, then sends them as one report: sorted, each once, comma-separated.
func debounce(ctx context.Context, in <-chan string, quiet time.Duration) <-chan string {
	reports := make(chan string)
	go func() {
		defer close(reports)
		pending := map[string]bool{}
		var settled <-chan time.Time // nil while nothing is pending
		for {
			select {
			case <-ctx.Done():
				return
			case name, ok := <-in:
				if !ok {
					return
				}
				pending[name] = true
				settled = time.After(quiet)
			case <-settled:
				settled = nil
				report := strings.Join(slices.Sorted(maps.Keys(pending)), ", ")
				clear(pending)
				if !send(ctx, reports, report) {
					return
				}
			}
		}
	}()
	return reports
}

// isEditorTemp reports whether a file name is one editors write while saving
// (vim's 4913, .name.swp and name~, JetBrains' name___jb_tmp___, *.tmp) or a
// hidden file, which go ignores anyway.
func isEditorTemp(path string) bool {
	name := filepath.Base(path)
	if name == "4913" || strings.HasPrefix(name, ".") {
		return true
	}
	for _, suffix := range []string{"~", ".swp", ".swx", ".tmp", "___jb_tmp___", "___jb_old___"} {
		if strings.HasSuffix(name, suffix) {
			return true
		}
	}
	return false
}
