package bfftest

import (
	"net/http"
	"slices"
	"testing"
	"testing/synctest"
	"time"
)

const ms = time.Millisecond

// after is a behaviour that answers 200 after d.
func after(d time.Duration) behaviour { return behaviour{latency: d} }

func pageCombinesBackends(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		w := newWorld(impl, 0)
		w.set(after(10*ms), after(20*ms), after(30*ms), after(40*ms))
		if a := w.get(t, page7); !isPage(a, pageOf()) {
			t.Fatalf("GET %s with the backends answering 200 = %v, want 200 %s", page7, a, compact(pageOf()))
		}
		wantCalls(t, w, "GET "+page7, "/products/7", "/inventory/7", "/favorites/ada", "/cart/ada")
	})
	synctest.Test(t, func(t *testing.T) {
		// Base URLs with a path prefix, another id and user.
		w := &world{fakes: newFakes()}
		w.net = newNetwork(w.fakes)
		b := Backends{Product: "http://product.test/v1", Inventory: "http://inventory.test/v1", Favorites: "http://favorites.test/v1", Cart: "http://cart.test/v1"}
		w.handler = impl.Handler(&http.Client{Transport: w.net}, b, Options{})
		target := "/products/12?user=Zoe_9-x&lang=en"
		want := map[string]any{
			"product":   served("product", "/v1/products/12"),
			"inventory": served("inventory", "/v1/inventory/12"),
			"favorites": served("favorites", "/v1/favorites/Zoe_9-x"),
			"cart":      served("cart", "/v1/cart/Zoe_9-x"),
			"errors":    []any{},
		}
		if a := w.get(t, target); !isPage(a, want) {
			t.Fatalf("GET %s with base URLs http://NAME.test/v1 = %v, want 200 %s", target, a, compact(want))
		}
		wantCalls(t, w, "GET "+target+" with base URLs http://NAME.test/v1", "/v1/products/12", "/v1/inventory/12", "/v1/favorites/Zoe_9-x", "/v1/cart/Zoe_9-x")
	})
}

// wantCalls fails t unless each fake got exactly one request, for the path
// given, in the page's order.
func wantCalls(t *testing.T, w *world, what string, paths ...string) {
	t.Helper()
	for i, f := range w.fakes {
		if got := f.calls(); !slices.Equal(got, paths[i:i+1]) {
			t.Fatalf("%s sent %s the requests %q, want one: GET %s", what, f.name, got, paths[i])
		}
	}
}

func callsRunAtOnce(t *testing.T, impl Impl) {
	cases := [][4]time.Duration{
		{100 * ms, 300 * ms, 200 * ms, 250 * ms},
		{400 * ms, 100 * ms, 300 * ms, 200 * ms},
	}
	for _, latencies := range cases {
		synctest.Test(t, func(t *testing.T) {
			w := newWorld(impl, 0)
			var sum, slowest time.Duration
			for i, d := range latencies {
				w.fakes[i].set(after(d))
				sum += d
				slowest = max(slowest, d)
			}
			a := w.get(t, page7)
			switch {
			case !isPage(a, pageOf()):
				t.Fatalf("GET %s with %s = %v, want 200 %s", page7, w.doing(), a, compact(pageOf()))
			case a.took != slowest:
				t.Fatalf("GET %s with %s took %v, want %v, the slowest call (the sum of the four is %v)", page7, w.doing(), a.took, slowest, sum)
			case w.net.most() != 4:
				t.Fatalf("GET %s with %s had at most %d backend calls in flight at once, want all 4", page7, w.doing(), w.net.most())
			}
		})
	}
}
