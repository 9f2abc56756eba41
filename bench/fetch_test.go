package bench

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/conckata/conckata/internal/conformance/fetchtest"
	kata "github.com/conckata/conckata/katas/fetch"
	"github.com/conckata/conckata/solutions/fetch"
)

// statusesRun is one way to check statuses; it returns how many of the
// URLs did not answer 200, so that every implementation reads its results.
type statusesRun func(ctx context.Context, client *http.Client, urls []string, limit int) int

var fetchers = []impl[statusesRun]{
	{"reference", func() statusesRun {
		return func(ctx context.Context, client *http.Client, urls []string, limit int) int {
			return notOK(fetch.Statuses(ctx, client, urls, limit, nil))
		}
	}},
	{"errgroup", func() statusesRun {
		return func(ctx context.Context, client *http.Client, urls []string, limit int) int {
			return notOK(fetchtest.ErrgroupStatuses(ctx, client, urls, limit, nil))
		}
	}},
	{"conc-pool", func() statusesRun {
		return func(ctx context.Context, client *http.Client, urls []string, limit int) int {
			return notOK(fetchtest.ConcStatuses(ctx, client, urls, limit, nil))
		}
	}},
	{"kata", func() statusesRun {
		return func(ctx context.Context, client *http.Client, urls []string, limit int) int {
			return notOK(kata.Statuses(ctx, client, urls, limit, nil))
		}
	}},
}

// notOK returns how many results are not a 200.
func notOK[R ~struct {
	URL    string
	Status int
	Err    error
}](rs []R) int {
	n := 0
	for _, r := range rs {
		if fetchtest.Result(r).Status != http.StatusOK {
			n++
		}
	}
	return n
}

func probeFetch(f statusesRun) { f(context.Background(), nil, nil, 1) }

// BenchmarkFetch measures one Statuses of 1000 URLs at the default limit,
// 10, on a server on 127.0.0.1 that answers each with 200 and a short body
// (op=urls-1000), on a client of its own that keeps 10 idle connections
// per host, so that the 10 connections are reused throughout. The target:
// the reference no slower than the errgroup version.
func BenchmarkFetch(b *testing.B) {
	const n, limit = 1000, 10
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintln(w, "ok")
	}))
	defer server.Close()
	urls := make([]string, n)
	for i := range urls {
		urls[i] = fmt.Sprintf("%s/%d", server.URL, i)
	}
	b.Run(fmt.Sprintf("op=urls-%d", n), func(b *testing.B) {
		run(b, fetchers, probeFetch, func(b *testing.B, f statusesRun) {
			tr := &http.Transport{MaxIdleConnsPerHost: limit}
			defer tr.CloseIdleConnections()
			client := &http.Client{Transport: tr}
			for b.Loop() {
				if bad := f(b.Context(), client, urls, limit); bad != 0 {
					b.Fatalf("%d of %d URLs did not answer 200", bad, n)
				}
			}
		})
	})
}
