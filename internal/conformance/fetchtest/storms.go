package fetchtest

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/conckata/conckata/internal/storm"
)

func stormOfStatuses(t *testing.T, impl Impl) {
	const goroutines, calls, n = 4, 4, 30
	s := newServer(false)
	defer s.Close()
	client, tr := newClient(16)
	defer tr.CloseIdleConnections()
	var mu sync.Mutex // protects failure
	failure := ""
	fail := func(format string, args ...any) {
		mu.Lock()
		defer mu.Unlock()
		if failure == "" {
			failure = fmt.Sprintf(format, args...)
		}
	}
	storm.Run(t, goroutines, 17, "a call of Statuses never returned", func(ctx context.Context, g int, r *rand.Rand) {
		for c := range calls {
			id := fmt.Sprintf("%d.%d", g, c)
			if msg := stormCall(ctx, impl, client, s, id, r, n); msg != "" {
				fail("call %s: %s", id, msg)
				return
			}
		}
	})
	if failure != "" {
		t.Fatalf("%d goroutines making %d calls each of Statuses of %d URLs on one client, some with a short deadline: %s",
			goroutines, calls, n, failure)
	}
}

// stormCall makes one call of Statuses, the call id, of n URLs with random
// statuses at a random limit, and one time in three with a deadline of at
// most 20ms. It returns what was wrong, or "".
func stormCall(ctx context.Context, impl Impl, client *http.Client, s *server, id string, r *rand.Rand, n int) string {
	limit := 1 + r.IntN(5)
	urls := make([]string, n)
	statuses := make([]int, n)
	for i := range urls {
		statuses[i] = statusCycle[r.IntN(len(statusCycle))]
		urls[i] = fmt.Sprintf("%s/%d?call=%s&status=%d", s.URL, i, id, statuses[i])
	}
	if r.IntN(3) == 0 {
		var cancel context.CancelFunc
		ctx, cancel = storm.ShortCtx(ctx, r, 20*time.Millisecond)
		defer cancel()
	}
	p := &progressLog{}
	res := impl.Statuses(ctx, client, urls, limit, p.progress)
	p.returned.Store(true)
	if len(res) != n {
		return fmt.Sprintf("returned %d results, want %d", len(res), n)
	}
	for i, got := range res {
		switch {
		case got.URL != urls[i]:
			return fmt.Sprintf("returned %s at index %d; want the result of %s", show(got), i, urls[i])
		case got.Err == nil && got.Status != statuses[i]:
			return fmt.Sprintf("returned %s at index %d; want status %d", show(got), i, statuses[i])
		case got.Err != nil && ctx.Err() == nil:
			return fmt.Sprintf("returned %s at index %d; want status %d (its ctx was not done)", show(got), i, statuses[i])
		}
	}
	if most := s.call(id).Most(); most > int64(limit) {
		return fmt.Sprintf("had %d requests in flight at one moment, on the server's count; want at most its limit, %d", most, limit)
	}
	return p.problem(n)
}
