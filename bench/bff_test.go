package bench

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"github.com/conckata/conckata/internal/conformance/bfftest"
	"github.com/conckata/conckata/internal/netfake"
	kata "github.com/conckata/conckata/katas/bff"
	"github.com/conckata/conckata/solutions/bff"
)

// bffHandler makes a page on backends b: the kata's Handler, adapted.
type bffHandler = func(client *http.Client, b bfftest.Backends, opt bfftest.Options) http.Handler

var bffHandlers = []impl[bffHandler]{
	{"reference", func() bffHandler {
		return func(c *http.Client, b bfftest.Backends, o bfftest.Options) http.Handler {
			return bff.Handler(c, bff.Backends(b), bff.Options(o))
		}
	}},
	{"errgroup", func() bffHandler { return bfftest.NewErrgroup }},
	{"kata", func() bffHandler {
		return func(c *http.Client, b bfftest.Backends, o bfftest.Options) http.Handler {
			return kata.Handler(c, kata.Backends(b), kata.Options(o))
		}
	}},
}

// bffServices are the four backends in memory, each answering at once;
// with inventoryDown, the inventory answers 503.
type bffServices struct{ inventoryDown atomic.Bool }

func (s *bffServices) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	switch r.URL.Host {
	case "product.bench":
		fmt.Fprint(w, `{"id":7,"name":"sneakers","price_cents":1699}`)
	case "inventory.bench":
		if s.inventoryDown.Load() {
			http.Error(w, "down", http.StatusServiceUnavailable)
			return
		}
		fmt.Fprint(w, `{"id":7,"stock":10}`)
	case "favorites.bench":
		fmt.Fprint(w, `{"user":"ada","products":[1,5,7]}`)
	default:
		fmt.Fprint(w, `{"user":"ada","items":[{"id":7,"quantity":2}]}`)
	}
}

// page builds newHandler's page on s over the in-memory transport.
func (s *bffServices) page(newHandler bffHandler) http.Handler {
	client := &http.Client{Transport: &netfake.Transport{Handler: s}}
	return newHandler(client, bfftest.Backends{Product: "http://product.bench", Inventory: "http://inventory.bench", Favorites: "http://favorites.bench", Cart: "http://cart.bench"}, bfftest.Options{})
}

func probeBff(newHandler bffHandler) { new(bffServices).page(newHandler) }

// BenchmarkBff measures one product page, its four backend calls served in
// memory (internal/netfake) and answering at once: the cost of the fan-out,
// the breakers and the JSON, without the network. op=page has every
// backend healthy; op=degraded has the inventory answering 503, so that the
// reference's breaker is open (it skips the call) and the errgroup peer,
// which has no breaker, makes it every time.
func BenchmarkBff(b *testing.B) {
	for _, op := range []struct {
		name string
		down bool
	}{{"page", false}, {"degraded", true}} {
		b.Run("op="+op.name, func(b *testing.B) {
			run(b, bffHandlers, probeBff, func(b *testing.B, newHandler bffHandler) {
				s := new(bffServices)
				s.inventoryDown.Store(op.down)
				page := s.page(newHandler)
				for b.Loop() {
					rec := httptest.NewRecorder()
					page.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/products/7?user=ada", nil))
					if rec.Code != http.StatusOK {
						b.Fatalf("GET /products/7?user=ada = %d %s", rec.Code, rec.Body)
					}
				}
			})
		})
	}
}
