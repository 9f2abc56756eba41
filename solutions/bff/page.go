package bff

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"time"

	"github.com/conckata/conckata/solutions/breaker"
)

// page serves GET /products/{id}?user=U.
type page struct {
	client   *http.Client
	timeout  time.Duration
	product  *service
	optional [3]*service // inventory (by id), favorites and cart (by user)
}

// body is the page's JSON. A nil RawMessage is encoded as null.
type body struct {
	Product   json.RawMessage `json:"product"`
	Inventory json.RawMessage `json:"inventory"`
	Favorites json.RawMessage `json:"favorites"`
	Cart      json.RawMessage `json:"cart"`
	Errors    []string        `json:"errors"`
}

func (p *page) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	id, user, status, msg := parse(r)
	if status != http.StatusOK {
		if status == http.StatusMethodNotAllowed {
			w.Header().Set("Allow", "GET, HEAD")
		}
		writeError(w, status, msg)
		return
	}
	// The optional calls run in goroutines of their own, the product's in
	// this one; ctx cancels them all when the product fails, and wg.Wait
	// keeps the promise that no call outlives the handler.
	ctx, cancel := context.WithCancel(r.Context())
	defer cancel()
	var values [3]json.RawMessage
	var wg sync.WaitGroup
	for i, s := range p.optional {
		key := user
		if i == 0 {
			key = id
		}
		wg.Go(func() {
			// A failed optional call leaves its value nil: null on the page.
			values[i], _ = s.get(ctx, p.client, key, p.timeout)
		})
	}
	product, err := p.product.get(ctx, p.client, id, p.timeout)
	if err != nil {
		cancel()
		wg.Wait()
		p.productFailed(w, r, id, err)
		return
	}
	wg.Wait()
	out := body{Product: product, Inventory: values[0], Favorites: values[1], Cart: values[2], Errors: []string{}}
	for i, v := range values {
		if v == nil {
			out.Errors = append(out.Errors, p.optional[i].name)
		}
	}
	writeJSON(w, http.StatusOK, out)
}

// productFailed answers for a product call that failed with err: 404 if the
// product service has no such product, 502 otherwise.
func (p *page) productFailed(w http.ResponseWriter, r *http.Request, id string, err error) {
	var se *statusError
	switch {
	case r.Context().Err() != nil:
		return // the client is gone: nobody reads an answer
	case errors.As(err, &se) && se.status == http.StatusNotFound:
		writeError(w, http.StatusNotFound, "no product "+id)
	case errors.Is(err, breaker.ErrOpen), errors.Is(err, breaker.ErrTooManyRequests):
		writeError(w, http.StatusBadGateway, "product service unavailable: "+err.Error())
	case errors.Is(err, context.DeadlineExceeded):
		writeError(w, http.StatusBadGateway, fmt.Sprintf("product service did not answer within %v", p.timeout))
	default:
		writeError(w, http.StatusBadGateway, "product service failed: "+err.Error())
	}
}

// parse returns the request's product id and user, in canonical form, or
// the status and message of a bad request. The route has matched
// /products/{id}.
func parse(r *http.Request) (id, user string, status int, msg string) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		return "", "", http.StatusMethodNotAllowed, "method " + r.Method + " not allowed: the page answers GET"
	}
	raw := r.PathValue("id")
	n, err := strconv.ParseUint(raw, 10, 63)
	if err != nil || n == 0 {
		return "", "", http.StatusBadRequest, "product id must be a positive integer, got " + strconv.Quote(raw)
	}
	query, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return "", "", http.StatusBadRequest, "malformed query: " + err.Error()
	}
	users := query["user"]
	switch {
	case len(users) == 0:
		return "", "", http.StatusBadRequest, "missing user: the page is /products/{id}?user=U"
	case len(users) > 1:
		return "", "", http.StatusBadRequest, "one user, please: got " + strconv.Itoa(len(users))
	case !validUser(users[0]):
		return "", "", http.StatusBadRequest, "user must be 1 to 64 letters, digits, '-' or '_', got " + strconv.Quote(users[0])
	}
	return strconv.FormatUint(n, 10), users[0], http.StatusOK, ""
}

// validUser reports whether u is a user name: 1 to 64 ASCII letters,
// digits, '-' or '_', so that it goes into a backend's path as it is.
func validUser(u string) bool {
	if len(u) == 0 || len(u) > 64 {
		return false
	}
	for _, c := range []byte(u) {
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v) // a write error means the client is gone
}

func writeError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]string{"error": msg})
}
