package bfftest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/conckata/conckata/internal/harness"
)

// Peers returns the bff kata's peer: the textbook fan-out of Go services,
// x/sync's errgroup.WithContext with a context.WithTimeout per call, and no
// circuit breaker. It passes every property but the breaker's.
func Peers() []harness.Peer[Impl] {
	return []harness.Peer[Impl]{{
		Name: "errgroup",
		Impl: Impl{Handler: NewErrgroup},
		Skip: map[string]string{
			"open-breaker-skips-backend": "the textbook errgroup fan-out has no circuit breaker: it calls a failing backend on every page, and waits for it",
		},
	}}
}

// errgroupPage is the page as an errgroup: the product's error cancels the
// group's ctx, and with it the optional calls, which never fail the group.
type errgroupPage struct {
	client  *http.Client
	timeout time.Duration
	bases   [4]string // product, inventory, favorites, cart
}

// NewErrgroup returns the errgroup peer's page.
func NewErrgroup(client *http.Client, b Backends, opt Options) http.Handler {
	if opt.Timeout < 0 {
		panic("bff: negative Options.Timeout")
	}
	if opt.Timeout == 0 {
		opt.Timeout = time.Second
	}
	e := &errgroupPage{client: client, timeout: opt.Timeout, bases: [4]string{b.Product, b.Inventory, b.Favorites, b.Cart}}
	for i, base := range e.bases {
		if u, err := url.Parse(base); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			panic(fmt.Sprintf("bff: Backends.%s = %q is not an http(s) URL with a host", []string{"Product", "Inventory", "Favorites", "Cart"}[i], base))
		}
	}
	return e
}

// errNotFound is the product service's 404.
var errNotFound = errors.New("no such product")

func (e *errgroupPage) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	id, user, ok := route(w, r)
	if !ok {
		return
	}
	paths := [4]string{"/products/" + id, "/inventory/" + id, "/favorites/" + user, "/cart/" + user}
	var bodies [4]json.RawMessage
	g, ctx := errgroup.WithContext(r.Context())
	for i := range bodies {
		g.Go(func() error {
			var err error
			bodies[i], err = e.get(ctx, e.bases[i]+paths[i])
			if i > 0 {
				return nil // an optional call that failed is null on the page
			}
			return err
		})
	}
	switch err := g.Wait(); {
	case errors.Is(err, errNotFound):
		writeError(w, http.StatusNotFound, "no product "+id)
	case err != nil:
		writeError(w, http.StatusBadGateway, "product service: "+err.Error())
	default:
		failed := []string{}
		for i, name := range names[1:] {
			if bodies[i+1] == nil {
				failed = append(failed, name)
			}
		}
		writeJSON(w, http.StatusOK, map[string]any{"product": bodies[0], "inventory": bodies[1], "favorites": bodies[2], "cart": bodies[3], "errors": failed})
	}
}

// get fetches url's JSON within the timeout.
func (e *errgroupPage) get(ctx context.Context, url string) (json.RawMessage, error) {
	ctx, cancel := context.WithTimeout(ctx, e.timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	res, err := e.client.Do(req)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	switch {
	case err != nil:
		return nil, err
	case res.StatusCode == http.StatusNotFound:
		return nil, errNotFound
	case res.StatusCode != http.StatusOK:
		return nil, fmt.Errorf("answered %d", res.StatusCode)
	case !json.Valid(body):
		return nil, errors.New("answered a body that is not JSON")
	}
	return body, nil
}

// route returns the page's id and user, or writes the bad request's JSON
// error and returns false. The peer and the mutant base both route with it.
func route(w http.ResponseWriter, r *http.Request) (id, user string, ok bool) {
	id, user, status, msg := parsePage(r)
	if status != http.StatusOK {
		if status == http.StatusMethodNotAllowed {
			w.Header().Set("Allow", "GET, HEAD")
		}
		writeError(w, status, msg)
		return "", "", false
	}
	return id, user, true
}

// parsePage returns the page's id and user, or the status and message of a
// bad request.
func parsePage(r *http.Request) (id, user string, status int, msg string) {
	rest, ok := strings.CutPrefix(r.URL.Path, "/products/")
	switch {
	case !ok || rest == "" || strings.Contains(rest, "/"):
		return "", "", http.StatusNotFound, "no such page"
	case r.Method != http.MethodGet && r.Method != http.MethodHead:
		return "", "", http.StatusMethodNotAllowed, "the page answers GET"
	}
	n, err := strconv.ParseInt(rest, 10, 64)
	if err != nil || n < 1 || strings.HasPrefix(rest, "+") {
		return "", "", http.StatusBadRequest, "the id must be a positive integer"
	}
	query, err := url.ParseQuery(r.URL.RawQuery)
	users := query["user"]
	if err != nil || len(users) != 1 || !validUser(users[0]) {
		return "", "", http.StatusBadRequest, "one user of 1 to 64 letters, digits, '-' or '_', please"
	}
	return strconv.FormatInt(n, 10), users[0], http.StatusOK, ""
}

func validUser(u string) bool {
	if len(u) == 0 || len(u) > 64 {
		return false
	}
	for _, c := range u {
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

// writeError answers with status and the JSON error {"error": msg}.
func writeError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]string{"error": msg})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}
