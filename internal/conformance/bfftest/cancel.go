package bfftest

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"runtime/pprof"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"
)

func nothingLeftRunning(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		w := newWorld(impl, 0)
		w.set(after(time.Hour), after(time.Hour), after(time.Hour), after(time.Hour))
		for i := range breakerFailures + 1 {
			ctx, cancel := context.WithCancel(t.Context())
			time.AfterFunc(200*ms, cancel) // the client goes away
			a, left := w.serveCounted(ctx, http.MethodGet, page7)
			cancel()
			what := fmt.Sprintf("GET %s number %d, with every backend answering after 1h, by a client that went away after 200ms,", page7, i+1)
			switch {
			case a.took > 200*ms:
				t.Fatalf("%s returned after %v, want 200ms: make the calls with the request's ctx", what, a.took)
			case a.took < 200*ms:
				t.Fatalf("%s returned after %v, before the client went away, want 200ms: were the backends skipped? A call cancelled by the client is no failure of its backend, for its breaker", what, a.took)
			}
			wantNothingLeft(t, w, what, left)
		}
		w.set(after(100*ms), after(100*ms), after(100*ms), after(100*ms))
		if a := w.get(t, page7); !isPage(a, pageOf()) {
			t.Fatalf("GET %s, after %d pages whose client went away, with every backend healthy, = %v, want 200 %s: a call cancelled by the client is no failure of the backend, for its breaker",
				page7, breakerFailures+1, a, compact(pageOf()))
		}
	})
	synctest.Test(t, func(t *testing.T) {
		w := newWorld(impl, 300*ms)
		w.set(after(100*ms), after(100*ms), after(time.Hour), after(100*ms))
		a, left := w.serveCounted(t.Context(), http.MethodGet, page7)
		wantNothingLeft(t, w, fmt.Sprintf("GET %s, with Options{Timeout: 300ms} and favorites answering after 1h, answered %d after %v,", page7, a.status, a.took), left)
	})
}

// wantNothingLeft fails t unless no goroutine of the page is left (left
// says where any is) and no fake still serves a request.
func wantNothingLeft(t *testing.T, w *world, what, left string) {
	t.Helper()
	if left != "" {
		t.Fatalf("%s but the handler left %s: every call must end before ServeHTTP returns", what, left)
	}
	for _, f := range w.fakes {
		if running, _ := f.state(); running != 0 {
			t.Fatalf("%s but its request to %s still runs: every call must end before ServeHTTP returns", what, f.name)
		}
	}
}

// labelKey is the profile label the goroutines of one page carry: every
// goroutine the handler starts, and every one those start, inherit it.
const labelKey = "bfftest-page"

var pages atomic.Int64

// serveCounted serves method target as serve does, then, once the bubble is
// idle, returns with the answer what is left of the goroutines the handler
// started: "" if none, else how many and where the first waits.
func (w *world) serveCounted(ctx context.Context, method, target string) (answer, string) {
	label := strconv.FormatInt(pages.Add(1), 10)
	var a answer
	pprof.Do(ctx, pprof.Labels(labelKey, label), func(ctx context.Context) {
		a = w.serve(ctx, method, target)
	})
	synctest.Wait()
	return a, goroutinesLabelled(label)
}

// goroutinesLabelled returns "" if no goroutine carries labelKey=value,
// else "N goroutines, one of them in F at file:line".
func goroutinesLabelled(value string) string {
	var buf bytes.Buffer
	if err := pprof.Lookup("goroutine").WriteTo(&buf, 1); err != nil {
		return "goroutines the suite could not count: " + err.Error()
	}
	label := fmt.Sprintf("# labels: {%q:%q}", labelKey, value)
	n, where := 0, ""
	for _, record := range strings.Split(buf.String(), "\n\n") {
		lines := strings.Split(record, "\n")
		if len(lines) < 2 || strings.TrimSpace(lines[1]) != label {
			continue
		}
		count, _, _ := strings.Cut(lines[0], " ")
		k, _ := strconv.Atoi(count)
		n += k
		if where == "" {
			where = frameOf(lines[2:])
		}
	}
	if n == 0 {
		return ""
	}
	if n == 1 {
		return "a goroutine running in " + where
	}
	return fmt.Sprintf("%d goroutines running, one of them in %s", n, where)
}

// frameOf returns the first frame of a goroutine profile record's stack
// that is not the runtime's: "net/http.(*Client).do at client.go:123".
func frameOf(stack []string) string {
	for _, line := range stack {
		fields := strings.Fields(strings.TrimPrefix(line, "#"))
		if len(fields) < 3 || strings.HasPrefix(fields[1], "runtime.") || strings.HasPrefix(fields[1], "internal/") {
			continue
		}
		fn, _, _ := strings.Cut(fields[1], "+0x")
		file := fields[2]
		if i := strings.LastIndex(file, "/"); i >= 0 {
			file = file[i+1:]
		}
		return fn + " at " + file
	}
	return "the runtime"
}
