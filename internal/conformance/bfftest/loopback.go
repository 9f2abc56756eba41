package bfftest

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// meetWithin is how long, on the real clock, each backend of the first page
// waits for the other three calls to arrive before it answers anyway.
const meetWithin = time.Second

// A meeting holds the first calls until four are in flight at once; it is
// over when they are, or when one of them gives up waiting, and later calls
// pass at once.
type meeting struct {
	mu   sync.Mutex // guards the fields below
	held int        // calls held now
	most int        // the most calls held at once
	over bool
	all  chan struct{} // closed when the fourth call arrives
}

// attend holds a call until four are held, meetWithin passes, or the call's
// ctx ends.
func (m *meeting) attend(r *http.Request) {
	m.mu.Lock()
	if m.over {
		m.mu.Unlock()
		return
	}
	m.held++
	m.most = max(m.most, m.held)
	if m.held == 4 {
		m.over = true
		close(m.all)
	}
	m.mu.Unlock()
	t := time.NewTimer(meetWithin)
	defer t.Stop()
	select {
	case <-m.all:
	case <-t.C:
	case <-r.Context().Done():
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.held--
	m.over = true
}

func endToEndOverLoopback(t *testing.T, impl Impl) {
	meet := &meeting{all: make(chan struct{})}
	var cartDown atomic.Bool
	var urls [4]string
	for i, name := range names {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			meet.attend(r)
			switch {
			case name == "product" && r.URL.Path == "/products/404":
				http.Error(w, "no such product", http.StatusNotFound)
			case name == "cart" && cartDown.Load():
				http.Error(w, "cart database down", http.StatusInternalServerError)
			default:
				w.Header().Set("Content-Type", "application/json")
				fmt.Fprintf(w, `{"backend":%q,"path":%q}`, name, r.URL.Path)
			}
		}))
		defer srv.Close()
		urls[i] = srv.URL
	}
	backendClient := &http.Client{Transport: &http.Transport{}}
	defer backendClient.CloseIdleConnections()
	h := impl.Handler(backendClient, Backends{Product: urls[0], Inventory: urls[1], Favorites: urls[2], Cart: urls[3]}, Options{Timeout: 5 * time.Second})
	bff := httptest.NewServer(h)
	defer bff.Close()
	client := &http.Client{Transport: &http.Transport{}, Timeout: 10 * time.Second}
	defer client.CloseIdleConnections()

	status, body := fetchOver(t, client, bff.URL+page7)
	if status != 200 || !reflect.DeepEqual(body, pageOf()) {
		t.Fatalf("GET %s over loopback = %d %s, want 200 %s", page7, status, compact(body), compact(pageOf()))
	}
	meet.mu.Lock()
	most := meet.most
	meet.mu.Unlock()
	if most != 4 {
		t.Fatalf("GET %s over loopback: the backends saw at most %d of the four calls in flight at once, within %v, want 4", page7, most, meetWithin)
	}
	cartDown.Store(true)
	if status, body := fetchOver(t, client, bff.URL+page7); status != 200 || !reflect.DeepEqual(body, pageOf("cart")) {
		t.Fatalf("GET %s over loopback with the cart answering 500 = %d %s, want 200 %s", page7, status, compact(body), compact(pageOf("cart")))
	}
	target := "/products/404?user=ada"
	status, body = fetchOver(t, client, bff.URL+target)
	if m, _ := body.(map[string]any); status != 404 || m["error"] == nil {
		t.Fatalf(`GET %s over loopback with the product service answering 404 = %d %s, want 404 {"error": "..."}`, target, status, compact(body))
	}
}

// fetchOver GETs url and returns the status and the body decoded as JSON
// (nil if it is not JSON). It fails t if the request fails.
func fetchOver(t *testing.T, client *http.Client, url string) (int, any) {
	t.Helper()
	res, err := client.Get(url)
	if err != nil {
		t.Fatalf("GET %s over loopback: %v", strings.TrimPrefix(url, "http://"), err)
	}
	defer res.Body.Close()
	raw, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatalf("GET %s over loopback: reading the body: %v", url, err)
	}
	var body any
	if json.Unmarshal(raw, &body) != nil {
		return res.StatusCode, string(raw)
	}
	return res.StatusCode, body
}
