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
	"time"

	"github.com/conckata/conckata/solutions/breaker"
)

// bugs switches on known bugs in plain.
type bugs struct {
	sequentialCalls, optionalFailsPage, noOptionalTimeout, breakerNotConsulted bool
}

func mutant(b bugs) Impl {
	return Impl{Handler: func(client *http.Client, bk Backends, opt Options) http.Handler {
		return newPlain(client, bk, opt, b)
	}}
}

// plain is the simplest correct page: a goroutine per call sending its
// result on a channel, each call through its backend's breaker and under
// its own timeout, and a loop that takes the four results, cancelling the
// rest when the product fails. The bugs are switched into it.
type plain struct {
	bugs
	client   *http.Client
	timeout  time.Duration
	bases    [4]string // product, inventory, favorites, cart
	breakers [4]*breaker.Breaker
}

func newPlain(client *http.Client, b Backends, opt Options, bugs bugs) *plain {
	p := &plain{bugs: bugs, client: client, timeout: opt.Timeout, bases: [4]string{b.Product, b.Inventory, b.Favorites, b.Cart}}
	for i, base := range p.bases {
		u, err := url.Parse(base)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			panic(fmt.Sprintf("bff: Backends.%s %q is not an http(s) URL", []string{"Product", "Inventory", "Favorites", "Cart"}[i], base))
		}
		p.breakers[i] = breaker.New(breaker.Settings{FailureThreshold: 5, OpenTimeout: 10 * time.Second, IsFailure: plainIsFailure})
	}
	if p.timeout < 0 {
		panic("bff: Options.Timeout is negative")
	}
	if p.timeout == 0 {
		p.timeout = time.Second
	}
	return p
}

// plainStatus is a backend's answer other than 200.
type plainStatus int

func (s plainStatus) Error() string { return "status " + strconv.Itoa(int(s)) }

// plainIsFailure counts against a breaker every error but a 4xx answer and
// a cancellation.
func plainIsFailure(err error) bool {
	var s plainStatus
	if errors.As(err, &s) && s >= 400 && s < 500 {
		return false
	}
	return err != nil && !errors.Is(err, context.Canceled)
}

// result is one call's.
type result struct {
	i    int
	body json.RawMessage
	err  error
}

func (p *plain) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	id, user, ok := route(w, r)
	if !ok {
		return
	}
	paths := [4]string{"/products/" + id, "/inventory/" + id, "/favorites/" + user, "/cart/" + user}
	ctx, cancel := context.WithCancel(r.Context())
	defer cancel()
	results := make(chan result, 4)
	for i := range 4 {
		if p.sequentialCalls {
			res := p.call(ctx, i, paths[i])
			results <- res
			if i == 0 && res.err != nil {
				cancel() // no page: the rest are not made
			}
		} else {
			go func() { results <- p.call(ctx, i, paths[i]) }()
		}
	}
	var got [4]result
	for range 4 {
		res := <-results
		got[res.i] = res
		if res.i == 0 && res.err != nil {
			cancel()
		}
	}
	p.answer(w, r, got)
}

func (p *plain) answer(w http.ResponseWriter, r *http.Request, got [4]result) {
	var s plainStatus
	switch err := got[0].err; {
	case err != nil && r.Context().Err() != nil:
		return
	case errors.As(err, &s) && s == http.StatusNotFound:
		writeError(w, http.StatusNotFound, "no such product")
		return
	case err != nil:
		writeError(w, http.StatusBadGateway, "product: "+err.Error())
		return
	}
	page := map[string]any{"product": got[0].body}
	failed := []string{}
	for i, name := range []string{"inventory", "favorites", "cart"} {
		res := got[i+1]
		if res.err != nil && p.optionalFailsPage {
			writeError(w, http.StatusBadGateway, name+": "+res.err.Error())
			return
		}
		page[name] = res.body // nil on failure: null
		if res.err != nil {
			failed = append(failed, name)
		}
	}
	page["errors"] = failed
	writeJSON(w, http.StatusOK, page)
}

// call makes call i, for path, through its breaker and under the timeout.
func (p *plain) call(ctx context.Context, i int, path string) result {
	if i == 0 || !p.noOptionalTimeout {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, p.timeout)
		defer cancel()
	}
	res := result{i: i}
	get := func(ctx context.Context) error {
		res.body, res.err = p.get(ctx, p.bases[i]+path)
		return res.err
	}
	if p.breakerNotConsulted {
		get(ctx)
	} else {
		res.err = p.breakers[i].Do(ctx, get)
	}
	return res
}

func (p *plain) get(ctx context.Context, url string) (json.RawMessage, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	resp, err := p.client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	switch {
	case ctx.Err() != nil:
		return nil, ctx.Err()
	case err != nil:
		return nil, err
	case resp.StatusCode != http.StatusOK:
		return nil, plainStatus(resp.StatusCode)
	case !json.Valid(body):
		return nil, errors.New("not JSON")
	}
	return body, nil
}
