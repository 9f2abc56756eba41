package bff_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"time"

	"github.com/conckata/conckata/solutions/bff"
)

// A page from four services on loopback, one of which, the inventory, is
// down: its field is null and named in "errors", and after 5 failures its
// breaker stops calling it. An unknown product is 404, a malformed id 400.
func Example() {
	serve := func(answer func(w http.ResponseWriter, path string)) *httptest.Server {
		return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { answer(w, r.URL.Path) }))
	}
	product := serve(func(w http.ResponseWriter, path string) {
		if path != "/products/7" {
			http.Error(w, "no such product", http.StatusNotFound)
			return
		}
		fmt.Fprint(w, `{"id": 7, "name": "sneakers"}`)
	})
	var inventoryCalls atomic.Int32
	inventory := serve(func(w http.ResponseWriter, path string) {
		inventoryCalls.Add(1)
		http.Error(w, "database down", http.StatusInternalServerError)
	})
	favorites := serve(func(w http.ResponseWriter, path string) { fmt.Fprint(w, `[7, 12]`) })
	cart := serve(func(w http.ResponseWriter, path string) { fmt.Fprint(w, `{"items": [7]}`) })
	for _, s := range []*httptest.Server{product, inventory, favorites, cart} {
		defer s.Close()
	}
	client := &http.Client{Transport: &http.Transport{}}
	defer client.CloseIdleConnections()

	page := bff.Handler(client, bff.Backends{Product: product.URL, Inventory: inventory.URL, Favorites: favorites.URL, Cart: cart.URL}, bff.Options{Timeout: time.Second})
	get := func(target string) {
		rec := httptest.NewRecorder()
		page.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, target, nil))
		fmt.Print(rec.Code, " ", rec.Body.String())
	}
	get("/products/7?user=ada")
	for range 6 {
		page.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, "/products/7?user=ada", nil))
	}
	fmt.Println("inventory called", inventoryCalls.Load(), "times for 7 pages")
	get("/products/8?user=ada")
	get("/products/x?user=ada")
	// Output:
	// 200 {"product":{"id":7,"name":"sneakers"},"inventory":null,"favorites":[7,12],"cart":{"items":[7]},"errors":["inventory"]}
	// inventory called 5 times for 7 pages
	// 404 {"error":"no product 8"}
	// 400 {"error":"product id must be a positive integer, got \"x\""}
}
