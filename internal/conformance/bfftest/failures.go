package bfftest

import (
	"net/http"
	"testing"
	"testing/synctest"
	"time"
)

// failure is one way a backend fails.
type failure struct {
	what string // "answering 500"
	b    behaviour
}

// failures are the ways a backend fails that are not a timeout, each after
// 50ms.
var failures = []failure{
	{"answering 500", behaviour{latency: 50 * ms, status: http.StatusInternalServerError}},
	{"answering 503", behaviour{latency: 50 * ms, status: http.StatusServiceUnavailable}},
	{"answering 404", behaviour{latency: 50 * ms, status: http.StatusNotFound}},
	{"refusing the connection", behaviour{latency: 50 * ms, down: true}},
	{"answering 200 with a body that is not JSON", behaviour{latency: 50 * ms, body: "<html>oops</html>"}},
}

func optionalFailureGivesNull(t *testing.T, impl Impl) {
	for _, opt := range []int{inventory, favorites, cart} {
		for _, f := range failures {
			synctest.Test(t, func(t *testing.T) {
				w := newWorld(impl, 0)
				w.set(after(10*ms), after(10*ms), after(10*ms), after(10*ms))
				w.fakes[opt].set(f.b)
				if a, want := w.get(t, page7), pageOf(names[opt]); !isPage(a, want) {
					t.Fatalf("GET %s with %s %s = %v, want 200 %s", page7, names[opt], f.what, a, compact(want))
				}
			})
		}
	}
	synctest.Test(t, func(t *testing.T) {
		// All three fail, the cart first: "errors" keeps the page's order.
		w := newWorld(impl, 0)
		w.set(after(10*ms), behaviour{latency: 70 * ms, status: http.StatusInternalServerError},
			behaviour{latency: 60 * ms, down: true}, behaviour{latency: 50 * ms, body: "<html>oops</html>"})
		if a, want := w.get(t, page7), pageOf("inventory", "favorites", "cart"); !isPage(a, want) {
			t.Fatalf("GET %s with %s = %v, want 200 %s", page7, w.doing(), a, compact(want))
		}
	})
}

// slowCase is a page whose backend slow answers after latency, on a
// handler with Options{Timeout: timeout}.
type slowCase struct {
	timeout, latency time.Duration
	slow             int
	took             time.Duration // how long the page takes
}

func slowOptionalIsCutAtTimeout(t *testing.T, impl Impl) {
	cases := []slowCase{
		{timeout: 500 * ms, latency: time.Hour, slow: inventory, took: 500 * ms},
		{timeout: 0, latency: time.Hour, slow: cart, took: time.Second},
		{timeout: 300 * ms, latency: 2 * time.Second, slow: favorites, took: 300 * ms},
		{timeout: 500 * ms, latency: 400 * ms, slow: favorites, took: 400 * ms}, // in time: not cut
	}
	for _, c := range cases {
		synctest.Test(t, func(t *testing.T) {
			w := newWorld(impl, c.timeout)
			w.set(after(100*ms), after(100*ms), after(100*ms), after(100*ms))
			w.fakes[c.slow].set(after(c.latency))
			a := w.get(t, page7)
			want := pageOf()
			if c.latency > c.took {
				want = pageOf(names[c.slow])
			}
			if p := pageProblem(a, want, c.took); p != "" {
				t.Fatalf("GET %s with Options{Timeout: %v} and %s %s", page7, c.timeout, w.doing(), p)
			}
			synctest.Wait()
			if running, _ := w.fakes[c.slow].state(); running != 0 {
				t.Fatalf("GET %s with Options{Timeout: %v} and %s answered after %v, but %s's request still runs: cancel it at the timeout", page7, c.timeout, w.doing(), a.took, names[c.slow])
			}
		})
	}
}

func product404Gives404(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		w := newWorld(impl, 0)
		w.set(behaviour{latency: 50 * ms, status: http.StatusNotFound}, after(900*ms), after(900*ms), after(900*ms))
		a := w.get(t, page7)
		if !isError(a, http.StatusNotFound) || a.took != 50*ms {
			t.Fatalf(`GET %s with %s = %v, want 404 {"error": "..."} after 50ms, without waiting for the other calls`, page7, w.doing(), a)
		}
		wantCancelled(t, w, "GET "+page7+" answered 404", inventory, favorites, cart)
		for i := range 6 {
			if a := w.get(t, page7); !isError(a, http.StatusNotFound) {
				t.Fatalf(`GET %s with the product service answering 404, for the %d time = %v, want 404 {"error": "..."}: a 404 is the service's answer, not its failure, and must not open its breaker`, page7, i+2, a)
			}
		}
		w.fakes[product].set(after(50 * ms))
		if a := w.get(t, page7); !isPage(a, pageOf()) {
			t.Fatalf("GET %s, after 7 pages on which the product service answered 404 and the other calls were cancelled, with %s = %v, want 200 %s: neither a 404 nor a cancelled call is a failure for a breaker", page7, w.doing(), a, compact(pageOf()))
		}
	})
}

func productFailureGives502(t *testing.T, impl Impl) {
	cases := append(failures[:2:2], failures[3:]...) // all but the 404
	cases = append(cases, failure{"answering only after 1h", after(time.Hour)})
	for _, f := range cases {
		synctest.Test(t, func(t *testing.T) {
			w := newWorld(impl, 500*ms)
			w.set(f.b, after(400*ms), after(400*ms), after(400*ms))
			a := w.get(t, page7)
			took := min(f.b.latency, w.timeout)
			if !isError(a, http.StatusBadGateway) || a.took != took {
				t.Fatalf(`GET %s with Options{Timeout: 500ms} and the product service %s = %v, want 502 {"error": "..."} after %v`, page7, f.what, a, took)
			}
			wantCancelled(t, w, "GET "+page7+" answered 502", inventory, favorites, cart)
		})
	}
}

// wantCancelled fails t unless, once the bubble is idle, none of the fakes
// given still serves a request.
func wantCancelled(t *testing.T, w *world, what string, fakes ...int) {
	t.Helper()
	synctest.Wait()
	for _, i := range fakes {
		if running, _ := w.fakes[i].state(); running != 0 {
			t.Fatalf("%s, but its call to %s still runs: cancel the other calls when the product fails", what, names[i])
		}
	}
}
