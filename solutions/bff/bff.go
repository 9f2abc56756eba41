// Package bff is the seed's backend-for-frontend in Go: one HTTP endpoint
// that a product page calls, which calls four backend services at once and
// answers with what they said. The product is required; the inventory, the
// user's favorites and cart are optional: the page is served without
// whichever of them fails, is too slow, or is known to be down, which its
// circuit breaker (the breaker kata) says without calling it.
package bff

import (
	"fmt"
	"net/http"
	"net/url"
	"time"
)

// Backends holds the base URLs of the four services the page is made of
// ("http://127.0.0.1:8001", or with a path prefix, "http://host/api"). Each
// answers one GET with a JSON body:
//
//	GET {Product}/products/{id}    the product; 404 if there is none
//	GET {Inventory}/inventory/{id} its stock
//	GET {Favorites}/favorites/{user}
//	GET {Cart}/cart/{user}
type Backends struct{ Product, Inventory, Favorites, Cart string }

// Options tunes the page. The zero value holds the defaults.
type Options struct {
	// Timeout bounds each backend call: an optional call cut at Timeout is
	// null on the page, and the product's, without which there is no page,
	// gives 502. 0 means 1s.
	Timeout time.Duration // per optional call; 0 means 1s
}

// defaultTimeout is Options.Timeout's default: the seed's asyncio.wait
// timeout=1.0.
const defaultTimeout = time.Second

// Handler returns the page, GET /products/{id}?user=U, served from b's
// services through client (nil means http.DefaultClient):
//
//	200 {"product":{...},"inventory":...,"favorites":...,"cart":...,"errors":[...]}
//
// The four calls start at once, so the page takes as long as the slowest
// call, each cut at opt.Timeout. Each field is the JSON its service sent;
// an optional one that failed (any status but 200, a body that is not JSON,
// a network error, the timeout, an open breaker) is null and its name is in
// "errors", in the order inventory, favorites, cart ("errors" is [] when all
// answered). The product's 404 gives 404; any other failure of the product
// gives 502 Bad Gateway; either answers at once, cancelling the other calls.
//
// Each service sits behind a breaker of its own, created here: 5
// consecutive failures (a network error, a timeout, a 5xx status, a body
// that is not JSON) open it, and for 10s its calls fail at once without
// reaching the service; then one trial call decides whether it closes. A
// 4xx answer is no failure of the service: the breaker counts it as a
// success. A call cancelled because the client went away or the product
// failed counts for nothing (the breaker kata's rule for context.Canceled).
//
// Bad requests get a JSON error, {"error":"..."}, and reach no service: 404
// for a path that is not /products/{id}, 405 for a method other than GET or
// HEAD, 400 for an id that is not a positive integer, and 400 for a missing,
// repeated or odd user (one to 64 letters, digits, '-' or '_').
//
// When the handler returns, every call it made has returned: a client that
// goes away cancels them. Handler panics with a "bff: ..." message if a base
// URL is not an http or https URL with a host, or if opt.Timeout < 0.
func Handler(client *http.Client, b Backends, opt Options) http.Handler {
	if client == nil {
		client = http.DefaultClient
	}
	if opt.Timeout < 0 {
		panic(fmt.Sprintf("bff: negative Options.Timeout %v", opt.Timeout))
	}
	if opt.Timeout == 0 {
		opt.Timeout = defaultTimeout
	}
	p := &page{
		client:  client,
		timeout: opt.Timeout,
		product: newService("product", "Product", b.Product, "/products/"),
		optional: [3]*service{
			newService("inventory", "Inventory", b.Inventory, "/inventory/"),
			newService("favorites", "Favorites", b.Favorites, "/favorites/"),
			newService("cart", "Cart", b.Cart, "/cart/"),
		},
	}
	mux := http.NewServeMux()
	mux.Handle("/products/{id}", p)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "no such page: "+r.URL.Path+" (the page is /products/{id}?user=U)")
	})
	return mux
}

// checkBase panics unless base is an http or https URL with a host; field
// names it in the message.
func checkBase(field, base string) {
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		panic(fmt.Sprintf("bff: Backends.%s = %q is not an http or https URL with a host", field, base))
	}
}
