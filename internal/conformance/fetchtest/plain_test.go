package fetchtest

import (
	"context"
	"io"
	"net/http"
	"sync"
	"sync/atomic"
)

// bugs switches on known bugs in plain.
type bugs struct {
	unbounded, bodyNotClosed, concurrentProgress, completionOrder bool
}

func mutant(b bugs) Impl {
	return Impl{Statuses: func(ctx context.Context, client *http.Client, urls []string, limit int, progress func(done, total int)) []Result {
		return b.statuses(ctx, client, urls, limit, progress)
	}}
}

// statuses is the plainest correct Statuses: a goroutine per URL, started
// once a buffered channel of limit tokens has room, and one mutex over the
// results and the progress calls.
func (b bugs) statuses(ctx context.Context, client *http.Client, urls []string, limit int, progress func(done, total int)) []Result {
	if client == nil {
		client = http.DefaultClient
	}
	if limit <= 0 {
		limit = 10
	}
	tokens := make(chan struct{}, limit)
	var (
		mu      sync.Mutex // protects the three below; held while progress runs
		results = make([]Result, len(urls))
		arrived []Result // results in completion order, for completionOrder
		done    int
	)
	var racing atomic.Int64 // done, for concurrentProgress
	var wg sync.WaitGroup
	for i, url := range urls {
		token := false
		if !b.unbounded {
			select {
			case tokens <- struct{}{}:
				token = true
			case <-ctx.Done(): // get then finds ctx done, and requests nothing
			}
		}
		wg.Go(func() {
			r := b.get(ctx, client, url)
			if token {
				<-tokens
			}
			if b.concurrentProgress && progress != nil {
				progress(int(racing.Add(1)), len(urls))
			}
			mu.Lock()
			defer mu.Unlock()
			results[i] = r
			arrived = append(arrived, r)
			done++
			if !b.concurrentProgress && progress != nil {
				progress(done, len(urls))
			}
		})
	}
	wg.Wait()
	if b.completionOrder {
		return arrived
	}
	return results
}

// get requests url unless ctx is done, and reads the body to the end and
// closes it, unless bodyNotClosed.
func (b bugs) get(ctx context.Context, client *http.Client, url string) Result {
	if ctx.Err() != nil {
		return Result{URL: url, Err: ctx.Err()}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return Result{URL: url, Err: err}
	}
	resp, err := client.Do(req)
	if err != nil {
		return Result{URL: url, Err: err}
	}
	if !b.bodyNotClosed {
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
	return Result{URL: url, Status: resp.StatusCode}
}
