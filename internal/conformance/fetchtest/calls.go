package fetchtest

import (
	"context"
	"fmt"
	"net/http"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/conckata/conckata/internal/netfake"
)

func badURLsGiveErrors(t *testing.T, impl Impl) {
	s := newServer(false)
	defer s.Close()
	client, tr := newClient(2)
	defer tr.CloseIdleConnections()
	urls := []string{
		s.URL + "/first",
		closedPort(t),           // connection refused
		"://no-scheme",          // http.NewRequest fails
		"ftp://127.0.0.1/file",  // the client refuses the scheme
		"",                      // no scheme either
		"http://[::1/unclosed",  // unparsable host
		"http://127.0.0.1:bad/", // unparsable port
		s.URL + "/last?status=404",
	}
	p := &progressLog{}
	res := impl.Statuses(t.Context(), client, urls, 3, p.progress)
	p.returned.Store(true)
	call := fmt.Sprintf("Statuses of %d URLs, 6 of them bad (no scheme, ftp, empty, unparsable, a closed port),", len(urls))
	if len(res) != len(urls) {
		t.Fatalf("%s returned %d results, want %d", call, len(res), len(urls))
	}
	good := map[int]int{0: 200, len(urls) - 1: 404} // index: status
	for i, r := range res {
		status, ok := good[i]
		switch {
		case r.URL != urls[i]:
			t.Fatalf("%s returned %s at index %d; want the result of %q", call, show(r), i, urls[i])
		case ok && (r.Status != status || r.Err != nil):
			t.Fatalf("%s returned %s for a good URL; want its status, %d", call, show(r), status)
		case !ok && (r.Err == nil || r.Status != 0):
			t.Fatalf("%s returned %s for %q; want Status 0 and an error", call, show(r), urls[i])
		}
	}
	p.check(t, call, len(urls))
}

func emptyListCallsNothing(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		var requests, progress atomic.Int32
		client := &http.Client{Transport: &netfake.Transport{Handler: http.HandlerFunc(func(http.ResponseWriter, *http.Request) {
			requests.Add(1)
		})}}
		done, cancel := context.WithCancel(context.Background())
		cancel()
		cases := []struct {
			what   string
			ctx    context.Context
			client *http.Client
			urls   []string
		}{
			{"nil URLs", context.Background(), client, nil},
			{"an empty list of URLs", context.Background(), client, []string{}},
			{"nil URLs and a done ctx", done, client, nil},
			{"nil URLs and a nil client", context.Background(), nil, nil},
		}
		for _, c := range cases {
			start := time.Now()
			res := impl.Statuses(c.ctx, c.client, c.urls, 3, func(int, int) { progress.Add(1) })
			synctest.Wait()
			switch {
			case len(res) != 0:
				t.Fatalf("Statuses of %s returned %d results; want none", c.what, len(res))
			case time.Since(start) != 0:
				t.Fatalf("Statuses of %s returned after %v; want at once", c.what, time.Since(start))
			case requests.Load() != 0 || progress.Load() != 0:
				t.Fatalf("Statuses of %s made %d requests and %d calls to progress; want none", c.what, requests.Load(), progress.Load())
			}
		}
	})
}

func nilClientMeansDefault(t *testing.T, impl Impl) {
	synctest.Test(t, func(t *testing.T) {
		// The property runs in a process of its own, so that swapping the
		// default transport affects nothing else. http.DefaultClient uses
		// it; so does any client whose Transport is nil.
		s := newSite()
		defaultTransport := http.DefaultTransport
		http.DefaultTransport = s.client().Transport
		defer func() { http.DefaultTransport = defaultTransport }()
		urls := []string{siteURL(0, "status=404"), siteURL(1, "status=201&after=1s"), siteURL(2, "")}
		res := impl.Statuses(context.Background(), nil, urls, 2, nil)
		want := []Result{{urls[0], 404, nil}, {urls[1], 201, nil}, {urls[2], 200, nil}}
		if !sameResults(res, want) {
			t.Fatalf("Statuses with a nil client returned %s; want %s, from http.DefaultClient", brief(res), brief(want))
		}
	})
}
