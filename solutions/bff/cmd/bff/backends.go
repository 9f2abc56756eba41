package main

import (
	"fmt"
	"net/http"
	"strconv"
	"time"
)

// The four fake services, each an http.Handler on its own server. Their
// data is made up; their latencies and failures are there to be seen:
// inventory fails for product 13, slowly, so that its breaker opens after
// five pages; the cart takes 2s for the user slowpoke, past the BFF's
// timeout.
const (
	products       = 20                     // products 1 to 20 exist
	brokenProduct  = 13                     // whose inventory answers 500
	brokenAfter    = 300 * time.Millisecond // how long it takes to fail
	slowUser       = "slowpoke"             // whose cart is slow
	slowCartAfter  = 2 * time.Second
	productLatency = 30 * time.Millisecond
)

// A service is one fake backend.
type service struct {
	name    string
	handler http.Handler
}

// services returns the four services, in the page's order.
func services() []service {
	return []service{
		{"product", route("GET /products/{id}", productLatency, func(w http.ResponseWriter, r *http.Request) {
			id, err := strconv.Atoi(r.PathValue("id"))
			if err != nil || id < 1 || id > products {
				http.Error(w, "no such product", http.StatusNotFound)
				return
			}
			fmt.Fprintf(w, `{"id":%d,"name":"product %d","price_cents":%d}`, id, id, 999+100*id)
		})},
		{"inventory", route("GET /inventory/{id}", 60*time.Millisecond, func(w http.ResponseWriter, r *http.Request) {
			id, _ := strconv.Atoi(r.PathValue("id"))
			if id == brokenProduct {
				pause(r, brokenAfter)
				http.Error(w, "inventory database unavailable", http.StatusInternalServerError)
				return
			}
			fmt.Fprintf(w, `{"id":%d,"stock":%d}`, id, id*7%13)
		})},
		{"favorites", route("GET /favorites/{user}", 40*time.Millisecond, func(w http.ResponseWriter, r *http.Request) {
			fmt.Fprintf(w, `{"user":%q,"products":[1,5,7]}`, r.PathValue("user"))
		})},
		{"cart", route("GET /cart/{user}", 80*time.Millisecond, func(w http.ResponseWriter, r *http.Request) {
			if r.PathValue("user") == slowUser {
				pause(r, slowCartAfter)
			}
			fmt.Fprintf(w, `{"user":%q,"items":[{"id":7,"quantity":2}]}`, r.PathValue("user"))
		})},
	}
}

// route serves pattern with answer, after latency, as JSON.
func route(pattern string, latency time.Duration, answer http.HandlerFunc) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) {
		if !pause(r, latency) {
			return
		}
		w.Header().Set("Content-Type", "application/json")
		answer(w, r)
	})
	return mux
}

// pause waits for d, or until the request is cancelled, and reports
// whether d passed.
func pause(r *http.Request, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-r.Context().Done():
		return false
	}
}
