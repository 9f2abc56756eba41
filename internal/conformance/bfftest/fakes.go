package bfftest

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/conckata/conckata/internal/netfake"
)

// The four backends, in the page's order; index with these.
const (
	product = iota
	inventory
	favorites
	cart
)

// names are the backends' names, as the page's fields and "errors" say them.
var names = [4]string{"product", "inventory", "favorites", "cart"}

// errRefused is what the network answers for a backend that is down.
var errRefused = errors.New("connect: connection refused")

// A behaviour is how a fake backend answers: after latency on the bubble's
// clock, with status (0: 200) and body ("": its default JSON), or, if down,
// with a network error instead of an answer.
type behaviour struct {
	latency time.Duration
	status  int
	body    string
	down    bool
}

// String says what the backend does, for failure messages: "500 after 400ms".
func (b behaviour) String() string {
	var what string
	switch {
	case b.down:
		what = "a refused connection"
	case b.body != "" && b.status == 0:
		what = fmt.Sprintf("200 %q", b.body)
	case b.status != 0:
		what = fmt.Sprint(b.status)
	default:
		what = "200"
	}
	return fmt.Sprintf("%s after %v", what, b.latency)
}

// A fake is one backend: it answers as its behaviour says, and records what
// reached it. Its answers wait on the request's ctx, so a cancelled request
// ends at once.
type fake struct {
	name string

	mu        sync.Mutex // guards the fields below
	b         behaviour
	paths     []string // of every request that reached it, in order
	running   int      // requests it has not answered or seen cancelled
	cancelled int      // requests whose ctx ended before the answer
}

func (f *fake) set(b behaviour) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.b = b
}

// arrive records a request for path, and returns how to answer it.
func (f *fake) arrive(path string) behaviour {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.paths = append(f.paths, path)
	f.running++
	return f.b
}

// leave records that a request was answered, or cancelled first.
func (f *fake) leave(cancelled bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.running--
	if cancelled {
		f.cancelled++
	}
}

// calls returns the paths of the requests that reached f.
func (f *fake) calls() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.paths)
}

// state returns the requests running and cancelled so far.
func (f *fake) state() (running, cancelled int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.running, f.cancelled
}

// wait waits for d on the bubble's clock, and reports false if the
// request's ctx ended first.
func wait(r *http.Request, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-r.Context().Done():
		return false
	}
}

// ServeHTTP answers a request that the network let through.
func (f *fake) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	b := f.arrive(r.URL.Path)
	if !wait(r, b.latency) {
		f.leave(true)
		return
	}
	defer f.leave(false)
	body := b.body
	if body == "" {
		body = fmt.Sprintf(`{"backend":%q,"path":%q}`, f.name, r.URL.Path)
	}
	status := b.status
	if status == 0 {
		status = http.StatusOK
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	io.WriteString(w, body)
}

// A network is the fake backends' HTTP transport, for a synctest bubble: it
// serves http://NAME.test/... with the fake called NAME, in memory, and
// counts the requests in flight at once, across all of them.
type network struct {
	fakes map[string]*fake // by host

	mu          sync.Mutex // guards the fields below
	inFlight    int
	maxInFlight int
}

func newNetwork(fakes [4]*fake) *network {
	n := &network{fakes: map[string]*fake{}}
	for _, f := range fakes {
		n.fakes[f.name+".test"] = f
	}
	return n
}

// RoundTrip serves req with the fake its host names.
func (n *network) RoundTrip(req *http.Request) (*http.Response, error) {
	f := n.fakes[req.URL.Host]
	if f == nil {
		return nil, fmt.Errorf("dial %s: no such host (the fakes are %s)", req.URL.Host, strings.Join(names[:], ".test, ")+".test")
	}
	n.enter()
	defer n.leave()
	f.mu.Lock()
	down, latency := f.b.down, f.b.latency
	f.mu.Unlock()
	if !down {
		return (&netfake.Transport{Handler: f}).RoundTrip(req)
	}
	f.arrive(req.URL.Path)
	if !wait(req, latency) {
		f.leave(true)
		return nil, req.Context().Err()
	}
	f.leave(false)
	return nil, errRefused
}

func (n *network) enter() {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.inFlight++
	n.maxInFlight = max(n.maxInFlight, n.inFlight)
}

func (n *network) leave() {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.inFlight--
}

// most returns the most requests that were in flight at once.
func (n *network) most() int {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.maxInFlight
}
