package bfftest

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"time"
)

// A world is one handler of the implementation under test and its four
// fake backends, on the in-memory network, in a synctest bubble.
type world struct {
	fakes   [4]*fake // product, inventory, favorites, cart
	net     *network
	handler http.Handler
	timeout time.Duration // the Options.Timeout it was made with
}

// backendsAt returns the base URLs of the fakes on the in-memory network.
func backendsAt() Backends {
	return Backends{Product: "http://product.test", Inventory: "http://inventory.test", Favorites: "http://favorites.test", Cart: "http://cart.test"}
}

// newWorld makes a handler with Options{Timeout: timeout} on four fakes that
// answer 200 at once.
func newWorld(impl Impl, timeout time.Duration) *world {
	w := &world{fakes: newFakes(), timeout: timeout}
	w.net = newNetwork(w.fakes)
	w.handler = impl.Handler(&http.Client{Transport: w.net}, backendsAt(), Options{Timeout: timeout})
	return w
}

// newFakes returns the four fakes, answering 200 at once.
func newFakes() [4]*fake {
	var fakes [4]*fake
	for i, name := range names {
		fakes[i] = &fake{name: name}
	}
	return fakes
}

// set gives the four fakes their behaviours, in the page's order.
func (w *world) set(bs ...behaviour) {
	for i, b := range bs {
		w.fakes[i].set(b)
	}
}

// answer is what the handler wrote, and how long it took on the bubble's
// clock.
type answer struct {
	status int
	header http.Header
	raw    string
	json   any // the body decoded, or nil if it is not JSON
	took   time.Duration
}

// String is the answer as a failure message shows it: "200 {...} after 300ms".
func (a answer) String() string {
	return fmt.Sprintf("%d %s after %v", a.status, strings.TrimSpace(a.raw), a.took)
}

// serve serves method target with the handler, with ctx as the request's,
// and returns what it wrote.
func (w *world) serve(ctx context.Context, method, target string) answer {
	rec := httptest.NewRecorder()
	start := time.Now()
	w.handler.ServeHTTP(rec, httptest.NewRequestWithContext(ctx, method, target, nil))
	a := answer{status: rec.Code, header: rec.Header(), raw: rec.Body.String(), took: time.Since(start)}
	if err := json.Unmarshal(rec.Body.Bytes(), &a.json); err != nil {
		a.json = nil
	}
	return a
}

// get serves GET target.
func (w *world) get(t *testing.T, target string) answer {
	return w.serve(t.Context(), http.MethodGet, target)
}

// doing says what the fakes do, for failure messages: "product 200 after
// 0s, inventory 500 after 400ms, ...".
func (w *world) doing() string {
	var parts []string
	for _, f := range w.fakes {
		f.mu.Lock()
		parts = append(parts, f.name+" "+f.b.String())
		f.mu.Unlock()
	}
	return strings.Join(parts, ", ")
}

// served is a backend's default answer for path, decoded.
func served(name, path string) any {
	return map[string]any{"backend": name, "path": path}
}

// pageOf is the page for product 7 and user ada whose optional fields are
// the fakes' default answers, except the ones named in failed, which are
// null and listed in "errors".
func pageOf(failed ...string) any {
	page := map[string]any{
		"product":   served("product", "/products/7"),
		"inventory": served("inventory", "/inventory/7"),
		"favorites": served("favorites", "/favorites/ada"),
		"cart":      served("cart", "/cart/ada"),
	}
	errs := []any{}
	for _, name := range names[1:] {
		for _, f := range failed {
			if f == name {
				page[name] = nil
				errs = append(errs, name)
			}
		}
	}
	page["errors"] = errs
	return page
}

// compact is v as one line of JSON.
func compact(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

// isPage reports whether a is a 200 JSON answer whose body is want.
func isPage(a answer, want any) bool {
	return a.status == http.StatusOK && isJSON(a) && reflect.DeepEqual(a.json, want)
}

// pageProblem says how a differs from the 200 page want after took (any
// time if took < 0), or returns "" if it does not: "= 502 {...} after 1s,
// want 200 {...}", or "answered 200 after 850ms, want after 300ms".
func pageProblem(a answer, want any, took time.Duration) string {
	switch {
	case !isPage(a, want):
		return fmt.Sprintf("= %v, want 200 %s", a, compact(want))
	case took >= 0 && a.took != took:
		return fmt.Sprintf("answered 200 after %v, want after %v", a.took, took)
	}
	return ""
}

// isJSON reports whether a's body is JSON and labelled so.
func isJSON(a answer) bool {
	return a.json != nil && strings.HasPrefix(a.header.Get("Content-Type"), "application/json")
}

// isError reports whether a is status with a JSON body {"error": "..."}.
func isError(a answer, status int) bool {
	m, _ := a.json.(map[string]any)
	msg, _ := m["error"].(string)
	return a.status == status && isJSON(a) && msg != ""
}

// page7 is the page the properties ask for.
const page7 = "/products/7?user=ada"
