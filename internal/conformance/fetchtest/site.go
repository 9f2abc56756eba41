package fetchtest

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/conckata/conckata/internal/gate"
	"github.com/conckata/conckata/internal/netfake"
	"github.com/conckata/conckata/internal/storm"
)

// A site is a web site served in memory, for the properties that run in a
// synctest bubble: a request to it is a goroutine calling ServeHTTP, so it
// blocks durably and the bubble's clock can move past it. The query of each
// URL says how it answers:
//
//	status=S  the status code S (200 without it)
//	after=D   the answer comes after D on the bubble's clock
//	hold      the request is held by the site's gate until the property
//	          finishes it (or opens the gate), or until its ctx is done
//
// A request whose ctx ends while it waits gets no answer: the client has
// gone. Make a site with newSite inside the bubble.
type site struct {
	gate     *gate.Gate
	inFlight storm.HighWater // requests being served

	mu      sync.Mutex // protects arrived
	arrived []string   // the paths requested, in order
}

func newSite() *site { return &site{gate: gate.New(false)} }

// client returns a client whose requests go to s, whatever their host.
func (s *site) client() *http.Client {
	return &http.Client{Transport: &netfake.Transport{Handler: s}}
}

// siteURL is the URL of path i on a site, with query.
func siteURL(i int, query string) string {
	u := "http://site.test/" + strconv.Itoa(i)
	if query != "" {
		u += "?" + query
	}
	return u
}

func (s *site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.inFlight.Enter()
	defer s.inFlight.Leave()
	s.mu.Lock()
	s.arrived = append(s.arrived, r.URL.Path)
	s.mu.Unlock()
	q := r.URL.Query()
	if d, err := time.ParseDuration(q.Get("after")); err == nil {
		timer := time.NewTimer(d)
		defer timer.Stop()
		select {
		case <-timer.C:
		case <-r.Context().Done():
			return
		}
	}
	if q.Has("hold") && s.gate.Hold(r.Context()) != nil {
		return
	}
	w.WriteHeader(statusOf(r))
	fmt.Fprintf(w, "the body of %s\n", r.URL)
}

// requests returns how many requests reached s.
func (s *site) requests() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.arrived)
}

// statusOf returns the status a request's query asks for: 200 by default.
func statusOf(r *http.Request) int {
	if code, err := strconv.Atoi(r.URL.Query().Get("status")); err == nil {
		return code
	}
	return http.StatusOK
}

// brief shows results for a failure message: the first few, as
// "0:404 1:err(...)".
func brief(rs []Result) string {
	var parts []string
	for i, r := range rs {
		if i == 6 {
			parts = append(parts, fmt.Sprintf("... (%d results)", len(rs)))
			break
		}
		parts = append(parts, show(r))
	}
	return "[" + strings.Join(parts, " ") + "]"
}

// show is one result, for a failure message.
func show(r Result) string {
	if r.Err != nil {
		return fmt.Sprintf("{%s err: %v}", r.URL, r.Err)
	}
	return fmt.Sprintf("{%s %d}", r.URL, r.Status)
}
