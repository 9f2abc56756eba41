package fetchtest

import (
	"context"
	"io"
	"net/http"
	"sync"

	"github.com/conckata/conckata/internal/harness"
	"github.com/sourcegraph/conc/pool"
	"golang.org/x/sync/errgroup"
)

// Peers returns the fetch kata's peers, the two usual ways to bound a
// fan-out of requests: golang.org/x/sync's errgroup.Group with SetLimit,
// and github.com/sourcegraph/conc/pool's Pool with WithMaxGoroutines. Both
// pass every property: the adapters supply what the libraries leave to
// their caller (the results by index, the progress under a mutex, the
// check of ctx before each request).
func Peers() []harness.Peer[Impl] {
	return []harness.Peer[Impl]{
		{Name: "errgroup", Impl: Impl{Statuses: ErrgroupStatuses}},
		{Name: "conc-pool", Impl: Impl{Statuses: ConcStatuses}},
	}
}

// ErrgroupStatuses is Statuses on an errgroup.Group with SetLimit(limit):
// one Go per URL, which waits for a free slot; each goroutine writes its
// own result, then counts it and calls progress under a mutex.
func ErrgroupStatuses(ctx context.Context, client *http.Client, urls []string, limit int, progress func(done, total int)) []Result {
	var g errgroup.Group
	g.SetLimit(peerLimit(limit))
	c := newCounter(len(urls), progress)
	results := make([]Result, len(urls))
	for i, url := range urls {
		g.Go(func() error {
			results[i] = peerGet(ctx, peerClient(client), url)
			c.count()
			return nil
		})
	}
	g.Wait() // always nil: the errors are in the results
	return results
}

// ConcStatuses is Statuses on a conc pool.Pool WithMaxGoroutines(limit):
// its Go waits for a free worker, and Wait for every task.
func ConcStatuses(ctx context.Context, client *http.Client, urls []string, limit int, progress func(done, total int)) []Result {
	p := pool.New().WithMaxGoroutines(peerLimit(limit))
	c := newCounter(len(urls), progress)
	results := make([]Result, len(urls))
	for i, url := range urls {
		p.Go(func() {
			results[i] = peerGet(ctx, peerClient(client), url)
			c.count()
		})
	}
	p.Wait()
	return results
}

// A counter counts the results of one call and tells progress, one call at
// a time.
type counter struct {
	mu       sync.Mutex // held while progress runs
	done     int
	total    int
	progress func(done, total int)
}

func newCounter(total int, progress func(done, total int)) *counter {
	return &counter{total: total, progress: progress}
}

func (c *counter) count() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.done++
	if c.progress != nil {
		c.progress(c.done, c.total)
	}
}

func peerLimit(limit int) int {
	if limit <= 0 {
		return 10
	}
	return limit
}

func peerClient(client *http.Client) *http.Client {
	if client == nil {
		return http.DefaultClient
	}
	return client
}

// peerGet requests url, unless ctx is done, and drains and closes the body.
func peerGet(ctx context.Context, client *http.Client, url string) Result {
	if err := ctx.Err(); err != nil {
		return Result{URL: url, Err: err}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return Result{URL: url, Err: err}
	}
	resp, err := client.Do(req)
	if err != nil {
		return Result{URL: url, Err: err}
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, resp.Body)
	return Result{URL: url, Status: resp.StatusCode}
}
