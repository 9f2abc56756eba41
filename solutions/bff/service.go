package bff

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/conckata/conckata/solutions/breaker"
)

// The settings of every service's breaker, as Handler's doc states them.
const (
	breakerFailures = 5                // consecutive failures that open it
	breakerOpen     = 10 * time.Second // how long it stays open before a trial call
)

// maxBody is the largest body read from a service; a longer one is a
// failure, not a reason to hold the whole page in memory.
const maxBody = 1 << 20

// A service is one backend: where it is, and the breaker in front of it.
type service struct {
	name    string // as the page's field and "errors" name it
	base    string // the base URL, without a trailing '/'
	route   string // the path before the id or user: "/inventory/"
	breaker *breaker.Breaker
}

// newService returns the service at base (Backends' field named field),
// behind a new breaker. It panics if base is not an http(s) URL.
func newService(name, field, base, route string) *service {
	checkBase(field, base)
	return &service{
		name:  name,
		base:  strings.TrimSuffix(base, "/"),
		route: route,
		breaker: breaker.New(breaker.Settings{
			FailureThreshold: breakerFailures,
			OpenTimeout:      breakerOpen,
			IsFailure:        isFailure,
		}),
	}
}

// statusError is an answer other than 200.
type statusError struct{ status int }

func (e *statusError) Error() string {
	return fmt.Sprintf("answered %d %s", e.status, http.StatusText(e.status))
}

// isFailure tells the breakers what counts against a service: not a 4xx
// answer (the service is up, and said no), and not a call cancelled because
// the page no longer needs it (the client went away, the product failed);
// everything else, a timeout included.
func isFailure(err error) bool {
	var se *statusError
	switch {
	case err == nil, errors.Is(err, context.Canceled):
		return false
	case errors.As(err, &se):
		return se.status >= 500 || se.status < 400
	}
	return true
}

// get fetches s's JSON for key (an id or a user) through its breaker, with
// at most timeout for the whole call, the body included.
func (s *service) get(ctx context.Context, client *http.Client, key string, timeout time.Duration) (json.RawMessage, error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	var body json.RawMessage
	err := s.breaker.Do(ctx, func(ctx context.Context) error {
		var err error
		body, err = fetch(ctx, client, s.base+s.route+key)
		return err
	})
	return body, err
}

// fetch GETs url and returns its body, which must be JSON from a 200
// answer. An error after ctx is done is ctx's, so that a cancelled call is
// told from a failed one however the transport words it.
func fetch(ctx context.Context, client *http.Client, url string) (json.RawMessage, error) {
	body, err := read(ctx, client, url)
	if err != nil && ctx.Err() != nil {
		return nil, ctx.Err()
	}
	return body, err
}

func read(ctx context.Context, client *http.Client, url string) (json.RawMessage, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", "application/json")
	res, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	body, err := io.ReadAll(io.LimitReader(res.Body, maxBody+1))
	switch {
	case err != nil:
		return nil, err
	case res.StatusCode != http.StatusOK:
		return nil, &statusError{res.StatusCode}
	case len(body) > maxBody:
		return nil, fmt.Errorf("a body over %d bytes", maxBody)
	case !json.Valid(body):
		return nil, errors.New("a body that is not JSON")
	}
	return body, nil
}
