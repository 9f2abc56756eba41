package productstest

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"net"
	"net/http"
	"strconv"
)

// handler serves plain's routes.
func (s *plain) handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /brands", func(w http.ResponseWriter, r *http.Request) {
		bs, err := s.Brands(r.Context())
		if err != nil {
			s.fail(w, err)
			return
		}
		out := []map[string]any{}
		for _, b := range bs {
			out = append(out, map[string]any{"brand_id": b.ID, "brand_name": b.Name})
		}
		reply(w, http.StatusOK, out)
	})
	mux.HandleFunc("GET /products/{id}", func(w http.ResponseWriter, r *http.Request) {
		id, err := strconv.Atoi(r.PathValue("id"))
		if err != nil {
			status := http.StatusBadRequest
			if s.malformedID500 {
				status = http.StatusInternalServerError
			}
			reply(w, status, map[string]string{"error": err.Error()})
			return
		}
		p, err := s.Product(r.Context(), id)
		if err != nil {
			s.fail(w, err)
			return
		}
		reply(w, http.StatusOK, map[string]any{"product_id": p.ID, "product_name": p.Name, "brand_id": p.BrandID})
	})
	return mux
}

// fail answers a store's error.
func (s *plain) fail(w http.ResponseWriter, err error) {
	status := http.StatusServiceUnavailable
	if errors.Is(err, errPlainNotFound) || s.errorsAsNotFound {
		status = http.StatusNotFound
	}
	reply(w, status, map[string]string{"error": err.Error()})
}

func reply(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

// plainServer opens plain's pool in Start and closes it in Shutdown.
type plainServer struct {
	open  func(ctx context.Context) (*plain, error)
	store *plain
	srv   *http.Server
	done  chan struct{}
}

func (s *plainServer) Start(ctx context.Context, l net.Listener) error {
	store, err := s.open(ctx)
	if err != nil {
		return err
	}
	s.store, s.srv, s.done = store, &http.Server{Handler: store.handler()}, make(chan struct{})
	go func() {
		defer close(s.done)
		s.srv.Serve(l)
	}()
	return nil
}

func (s *plainServer) Shutdown(ctx context.Context) error {
	err := s.srv.Shutdown(ctx)
	<-s.done
	if s.store.poolNotClosedOnShutdown {
		return err
	}
	return errors.Join(err, s.store.Close(ctx))
}

// plainImpl is plain with bugs b, on the leaser newConns makes.
func plainImpl(b bugs, newConns func(ctx context.Context, db *sql.DB, minConns, maxConns int) (leaser, error)) Impl {
	open := func(ctx context.Context, db *sql.DB, minConns, maxConns int) (*plain, error) {
		conns, err := newConns(ctx, db, minConns, maxConns)
		if err != nil {
			return nil, err
		}
		return &plain{bugs: b, conns: conns, maxConns: maxConns}, nil
	}
	return Impl{
		Open: func(ctx context.Context, db *sql.DB, minConns, maxConns int) (Store, error) {
			return open(ctx, db, minConns, maxConns)
		},
		Handler: func(s Store) http.Handler { return s.(*plain).handler() },
		NewServer: func(db *sql.DB, minConns, maxConns int) Server {
			return &plainServer{open: func(ctx context.Context) (*plain, error) { return open(ctx, db, minConns, maxConns) }}
		},
		ErrNotFound: errPlainNotFound,
	}
}
