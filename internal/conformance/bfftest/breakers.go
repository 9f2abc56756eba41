package bfftest

import (
	"fmt"
	"net/http"
	"testing"
	"testing/synctest"
	"time"
)

// The breakers' settings, as the doc page states them.
const (
	breakerFailures = 5
	breakerOpen     = 10 * time.Second
)

func openBreakerSkipsBackend(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		w := newWorld(impl, 0)
		// inventory fails slowly, cart times out: both are failures.
		w.set(after(100*ms), behaviour{latency: 400 * ms, status: http.StatusServiceUnavailable}, after(100*ms), after(time.Hour))
		failing := w.doing()
		for i := range breakerFailures {
			if p := pageProblem(w.get(t, page7), pageOf("inventory", "cart"), time.Second); p != "" {
				t.Fatalf("GET %s number %d with %s %s", page7, i+1, failing, p)
			}
		}
		a := w.get(t, page7)
		calls := callCounts(w)
		want := [4]int{breakerFailures + 1, breakerFailures, breakerFailures + 1, breakerFailures}
		switch {
		case calls != want:
			t.Fatalf("GET %s number %d, after %d pages with %s, made %s calls in all, want %s: an open breaker fails the call without making it, and only its own backend's",
				page7, breakerFailures+1, breakerFailures, failing, countsOf(calls), countsOf(want))
		case pageProblem(a, pageOf("inventory", "cart"), 100*ms) != "":
			t.Fatalf("GET %s number %d, after %d pages with %s, %s: a backend whose breaker is open is reported failed at once",
				page7, breakerFailures+1, breakerFailures, failing, pageProblem(a, pageOf("inventory", "cart"), 100*ms))
		}
		time.Sleep(breakerOpen) // the breakers' open time passes, on the bubble's clock
		w.set(after(100*ms), after(100*ms), after(100*ms), after(100*ms))
		for _, which := range []string{"the trial", "the next"} {
			a := w.get(t, page7)
			for i := range want {
				want[i]++
			}
			if calls := callCounts(w); calls != want || !isPage(a, pageOf()) {
				t.Fatalf("GET %s, %s page once the breakers had been open 10s, with every backend healthy again, = %v with %s calls in all, want 200 %s with %s: after 10s one trial call goes through, and its success closes the breaker",
					page7, which, a, countsOf(calls), compact(pageOf()), countsOf(want))
			}
		}
	})
	synctest.Test(t, func(t *testing.T) {
		w := newWorld(impl, 0)
		w.set(behaviour{latency: 50 * ms, status: http.StatusInternalServerError}, after(100*ms), after(100*ms), after(100*ms))
		for range breakerFailures {
			w.get(t, page7)
		}
		a := w.get(t, page7)
		if n := len(w.fakes[product].calls()); n != breakerFailures || !isError(a, http.StatusBadGateway) || a.took != 0 {
			t.Fatalf(`GET %s number %d, after %d pages with the product service answering 500, = %v, and the product service was called %d times, want 502 {"error": "..."} at once, after %d calls: its breaker is open`,
				page7, breakerFailures+1, breakerFailures, a, n, breakerFailures)
		}
	})
}

// callCounts returns how many requests reached each fake.
func callCounts(w *world) [4]int {
	var n [4]int
	for i, f := range w.fakes {
		n[i] = len(f.calls())
	}
	return n
}

// countsOf says calls as "product 6, inventory 5, favorites 6, cart 5".
func countsOf(calls [4]int) string {
	return fmt.Sprintf("product %d, inventory %d, favorites %d, cart %d", calls[0], calls[1], calls[2], calls[3])
}
