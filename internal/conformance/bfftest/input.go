package bfftest

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"testing/synctest"

	"github.com/conckata/conckata/internal/bubble"
)

// badRequests are requests that are not the page, and the status each gets.
var badRequests = []struct {
	method, target string
	status         int
}{
	{"GET", "/products/abc?user=ada", 400},
	{"GET", "/products/1.5?user=ada", 400},
	{"GET", "/products/7x?user=ada", 400},
	{"GET", "/products/0?user=ada", 400},
	{"GET", "/products/-7?user=ada", 400},
	{"GET", "/products/99999999999999999999?user=ada", 400},
	{"GET", "/products/7", 400},
	{"GET", "/products/7?user=", 400},
	{"GET", "/products/7?user=a%2Fb", 400},
	{"GET", "/products/7?user=..", 400},
	{"GET", "/products/7?user=ada%3F", 400},
	{"GET", "/products/7?user=" + strings.Repeat("a", 65), 400},
	{"GET", "/products/7?user=ada&user=bob", 400},
	{"POST", page7, 405},
	{"PUT", page7, 405},
	{"DELETE", page7, 405},
	{"GET", "/", 404},
	{"GET", "/products", 404},
	{"GET", "/products/", 404},
	{"GET", "/products/7/reviews?user=ada", 404},
	{"GET", "/brands", 404},
}

func badInputGetsJSONError(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		w := newWorld(impl, 0)
		for _, r := range badRequests {
			a := w.serve(t.Context(), r.method, r.target)
			if !isError(a, r.status) {
				t.Fatalf(`%s %s = %v (Content-Type %q), want %d {"error": "..."} as application/json`, r.method, r.target, a, a.header.Get("Content-Type"), r.status)
			}
			if allow := a.header.Get("Allow"); r.status == 405 && !strings.Contains(allow, "GET") {
				t.Fatalf(`%s %s = 405 with Allow %q, want an Allow header that names GET`, r.method, r.target, allow)
			}
			if calls := callCounts(w); calls != [4]int{} {
				t.Fatalf("%s %s = %d, but made %s calls: a bad request reaches no backend", r.method, r.target, a.status, countsOf(calls))
			}
		}
	})
}

func badSettingsPanic(t *testing.T, impl Impl) {
	good := backendsAt()
	with := func(change func(b *Backends)) Backends {
		b := good
		change(&b)
		return b
	}
	cases := []struct {
		what  string
		b     Backends
		opt   Options
		field string
	}{
		{"an empty Backends.Product", with(func(b *Backends) { b.Product = "" }), Options{}, "Product"},
		{`Backends.Inventory "inventory.test" (no scheme)`, with(func(b *Backends) { b.Inventory = "inventory.test" }), Options{}, "Inventory"},
		{`Backends.Favorites "ftp://favorites.test"`, with(func(b *Backends) { b.Favorites = "ftp://favorites.test" }), Options{}, "Favorites"},
		{`Backends.Cart "http://" (no host)`, with(func(b *Backends) { b.Cart = "http://" }), Options{}, "Cart"},
		{`Backends.Cart "http://cart.test/%zz" (a bad escape)`, with(func(b *Backends) { b.Cart = "http://cart.test/%zz" }), Options{}, "Cart"},
		{"Options{Timeout: -1s}", good, Options{Timeout: -1e9}, "Timeout"},
	}
	client := &http.Client{Transport: newNetwork(newFakes())}
	for _, c := range cases {
		v := bubble.Panics(func() { impl.Handler(client, c.b, c.opt) })
		msg := fmt.Sprint(v)
		if v == nil || !strings.HasPrefix(msg, "bff: ") || !strings.Contains(msg, c.field) {
			t.Fatalf(`Handler with %s panicked with %v, want a panic "bff: ..." that names %s`, c.what, v, c.field)
		}
	}
	if v := bubble.Panics(func() { impl.Handler(client, good, Options{}) }); v != nil {
		t.Fatalf("Handler with the base URLs %+v and Options{} panicked with %v, want a handler", good, v)
	}
}
