package productstest

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"time"
)

// get serves GET path with h, and returns the status and the body decoded
// as JSON. It fails t if the body is not JSON or not labelled so.
func get(t *testing.T, ctx context.Context, h http.Handler, path string) (int, any) {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequestWithContext(ctx, http.MethodGet, path, nil))
	var body any
	if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
		t.Errorf("GET %s: %d with body %q, which is not JSON: %v", path, rec.Code, rec.Body.String(), err)
	}
	if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("GET %s: Content-Type %q, want application/json", path, ct)
	}
	return rec.Code, body
}

// jsonOf is v as encoding/json decodes it into an any.
func jsonOf(v any) any {
	b, _ := json.Marshal(v)
	var out any
	json.Unmarshal(b, &out)
	return out
}

func brandJSON(b Brand) map[string]any { return map[string]any{"brand_id": b.ID, "brand_name": b.Name} }
func productJSON(p Product) map[string]any {
	return map[string]any{"product_id": p.ID, "product_name": p.Name, "brand_id": p.BrandID}
}

// wantError fails t unless status is want and body is {"error": "..."}.
func wantError(t *testing.T, path string, status int, body any, want int) {
	t.Helper()
	m, _ := body.(map[string]any)
	msg, _ := m["error"].(string)
	if status != want || msg == "" {
		t.Errorf(`GET %s = %d %v, want %d {"error": "..."}`, path, status, body, want)
	}
}

// wantErrors GETs each path from h, the handler of s, and checks that it
// answers status with a JSON error and leaves no connection leased; when,
// if not empty, says when (" while the database is down").
func wantErrors(t *testing.T, f *fixture, s Store, h http.Handler, status int, when string, paths ...string) {
	t.Helper()
	for _, path := range paths {
		code, body := get(t, f.ctx, h, path)
		wantError(t, path, code, body, status)
		noLease(t, s, "GET "+path+when)
	}
}

func httpBrandsAndProduct(t *testing.T, impl Impl) {
	forEachStore(t, impl, 1, 2, func(t *testing.T, f *fixture, s Store) {
		h := impl.Handler(s)
		var brands []any
		for _, b := range modelBrands {
			brands = append(brands, brandJSON(b))
		}
		if status, body := get(t, f.ctx, h, "/brands"); status != 200 || !reflect.DeepEqual(body, jsonOf(brands)) {
			t.Errorf("GET /brands = %d %v, want 200 %v", status, body, jsonOf(brands))
		}
		for _, id := range []int{1, 7, 1000} {
			path := fmt.Sprintf("/products/%d", id)
			want := jsonOf(productJSON(product(id)))
			if status, body := get(t, f.ctx, h, path); status != 200 || !reflect.DeepEqual(body, want) {
				t.Errorf("GET %s = %d %v, want 200 %v", path, status, body, want)
			}
		}
		noLease(t, s, "GET /brands and /products/{id}")
	})
}

func httpUnknownID404(t *testing.T, impl Impl) {
	forEachStore(t, impl, 1, 2, func(t *testing.T, f *fixture, s Store) {
		h := impl.Handler(s)
		wantErrors(t, f, s, h, http.StatusNotFound, "", "/products/1001", "/products/0", "/products/-3")
	})
}

func httpMalformedID400(t *testing.T, impl Impl) {
	forEachStore(t, impl, 1, 2, func(t *testing.T, f *fixture, s Store) {
		h := impl.Handler(s)
		wantErrors(t, f, s, h, http.StatusBadRequest, "", "/products/abc", "/products/1.5", "/products/7x", "/products/99999999999999999999")
	})
}

func httpDatabaseDown503(t *testing.T, impl Impl) {
	forEachStore(t, impl, 1, 2, func(t *testing.T, f *fixture, s Store) {
		h := impl.Handler(s)
		f.wire.down.Store(true)
		wantErrors(t, f, s, h, http.StatusServiceUnavailable, " while the database is down", "/brands", "/products/7", "/brands", "/products/8")
		f.wire.down.Store(false)
		for _, path := range []string{"/brands", "/products/7", "/brands", "/products/8"} {
			if status, body := get(t, f.ctx, h, path); status != 200 {
				t.Errorf("GET %s once the database is back = %d %v, want 200", path, status, body)
			}
		}
		noLease(t, s, "the database came back")
	})
}

func serverPoolLifecycle(t *testing.T, impl Impl) {
	forEachDB(t, impl, func(t *testing.T, f *fixture) {
		const minConns = 2
		srv := impl.NewServer(f.db, minConns, 4)
		if n := f.wire.opened.Load(); n != 0 {
			t.Errorf("NewServer opened %d connections, want none before Start", n)
		}
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		if err := srv.Start(f.ctx, l); err != nil {
			l.Close()
			t.Fatalf("Start = %v, want nil", err)
		}
		if n := f.wire.open(); n < minConns {
			t.Errorf("after Start, %d connections are open, want the pool's %d: the pool opens at start-up", n, minConns)
		}
		client := &http.Client{Transport: &http.Transport{}, Timeout: 10 * time.Second}
		defer client.CloseIdleConnections()
		url := "http://" + l.Addr().String() + "/brands"
		if resp, err := client.Get(url); err != nil {
			t.Errorf("GET %s after Start: %v", url, err)
		} else {
			resp.Body.Close()
			if resp.StatusCode != 200 {
				t.Errorf("GET %s after Start = %d, want 200", url, resp.StatusCode)
			}
		}
		client.CloseIdleConnections()
		ctx, cancel := context.WithTimeout(f.ctx, 10*time.Second)
		defer cancel()
		if err := srv.Shutdown(ctx); err != nil {
			t.Errorf("Shutdown = %v, want nil", err)
		}
		if n := f.wire.open(); n != 0 {
			t.Errorf("after Shutdown, %d of the %d connections opened are still open, want 0: Shutdown closes the pool", n, f.wire.opened.Load())
		}
		if resp, err := client.Get(url); err == nil {
			resp.Body.Close()
			t.Errorf("GET %s after Shutdown = %d, want the connection refused", url, resp.StatusCode)
		}
	})
}
