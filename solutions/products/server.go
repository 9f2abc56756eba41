package products

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"net"
	"net/http"
	"strconv"
	"time"
)

// NewHandler returns the service's routes on s, answering JSON:
//
//	GET /brands         200 and every brand
//	GET /products/{id}  200 and the product; 400 if id is not an integer,
//	                    404 if there is no such product
//
// A database error (the database is down, the pool is closed) gets 503
// Service Unavailable: the request may succeed later. Every error body is
// {"error": "..."}. Each request's queries use the request's ctx, so a
// client that goes away cancels them.
func NewHandler(s *Store) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /brands", func(w http.ResponseWriter, r *http.Request) {
		brands, err := s.Brands(r.Context())
		if err != nil {
			writeError(w, http.StatusServiceUnavailable, "database unavailable")
			return
		}
		if brands == nil {
			brands = []Brand{} // [], not null
		}
		writeJSON(w, http.StatusOK, brands)
	})
	mux.HandleFunc("GET /products/{id}", func(w http.ResponseWriter, r *http.Request) {
		id, err := strconv.Atoi(r.PathValue("id"))
		if err != nil {
			writeError(w, http.StatusBadRequest, "product id must be an integer, got "+strconv.Quote(r.PathValue("id")))
			return
		}
		p, err := s.Product(r.Context(), id)
		switch {
		case errors.Is(err, ErrNotFound):
			writeError(w, http.StatusNotFound, "no product "+strconv.Itoa(id))
		case err != nil:
			writeError(w, http.StatusServiceUnavailable, "database unavailable")
		default:
			writeJSON(w, http.StatusOK, p)
		}
	})
	return mux
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v) // a write error means the client is gone
}

func writeError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]string{"error": msg})
}

// A Server is the HTTP service with its pool's life tied to its own, as
// aiohttp's on_startup and on_cleanup hooks do: Start opens the pool, then
// serves; Shutdown stops serving, then closes the pool. Create one with
// NewServer. Start and Shutdown are each called once, Start first, from one
// goroutine.
type Server struct {
	db                 *sql.DB
	minConns, maxConns int

	store  *Store
	http   *http.Server
	served chan error // receives what Serve returned
}

// NewServer returns a Server whose pool will hold minConns to maxConns
// connections of db. It opens nothing until Start.
func NewServer(db *sql.DB, minConns, maxConns int) *Server {
	return &Server{db: db, minConns: minConns, maxConns: maxConns}
}

// Start opens the pool, with ctx bounding the opening of its first
// connections, and then serves HTTP on l in a goroutine of its own until
// Shutdown. If the pool fails to open, Start closes l and returns the error.
// It panics if called twice.
func (s *Server) Start(ctx context.Context, l net.Listener) error {
	if s.http != nil {
		panic("products: Server started twice")
	}
	store, err := Open(ctx, s.db, s.minConns, s.maxConns)
	if err != nil {
		l.Close()
		return err
	}
	s.store = store
	s.http = &http.Server{Handler: NewHandler(store), ReadHeaderTimeout: 10 * time.Second}
	s.served = make(chan error, 1)
	go func() { s.served <- s.http.Serve(l) }()
	return nil
}

// Shutdown stops accepting requests, waits for those in flight to finish,
// and then closes the pool, waiting for its connections to close: every
// wait ends early when ctx is done, and Shutdown then returns ctx.Err().
// It panics if the Server was not started.
func (s *Server) Shutdown(ctx context.Context) error {
	if s.http == nil {
		panic("products: Shutdown of a Server not started")
	}
	err := s.http.Shutdown(ctx)
	if serr := <-s.served; !errors.Is(serr, http.ErrServerClosed) {
		err = errors.Join(err, serr)
	}
	return errors.Join(err, s.store.Close(ctx))
}
