package fetchtest

import (
	"context"
	"fmt"
	"testing"
	"testing/synctest"
)

func limitBoundsInFlight(t *testing.T, impl Impl) {
	for _, limit := range []int{1, 3, 7} {
		synctest.Test(t, func(t *testing.T) {
			checkInFlight(t, impl, 20, limit, limit)
		})
	}
}

func limitZeroMeansTen(t *testing.T, impl Impl) {
	for _, limit := range []int{0, -1} {
		synctest.Test(t, func(t *testing.T) {
			checkInFlight(t, impl, 25, limit, 10)
		})
	}
}

// checkInFlight calls Statuses with n URLs that the site holds, and with
// limit; whenever the bubble is idle it checks that exactly min(want, URLs
// not yet answered) requests are in flight, then answers the oldest.
func checkInFlight(t *testing.T, impl Impl, n, limit, want int) {
	t.Helper()
	s := newSite()
	urls := make([]string, n)
	for i := range urls {
		urls[i] = siteURL(i, "hold")
	}
	call := fmt.Sprintf("Statuses of %d URLs that the server holds, limit %d,", n, limit)
	returned := make(chan []Result, 1)
	go func() { returned <- impl.Statuses(context.Background(), s.client(), urls, limit, nil) }()
	for answered := 0; answered < n; answered++ {
		synctest.Wait()
		if got, wantNow := int(s.inFlight.Now()), min(want, n-answered); got != wantNow {
			s.gate.Open() // let everything go, so that Statuses returns
			<-returned
			why := "never more"
			if got < wantNow {
				why = "a request answered is replaced at once"
			}
			t.Fatalf("%s had %d requests in flight after %d were answered; want %d: %s",
				call, got, answered, wantNow, why)
		}
		s.gate.Finish(s.gate.Unfinished()[0], nil)
	}
	res := <-returned
	if most := s.inFlight.Most(); most > int64(want) {
		t.Fatalf("%s had %d requests in flight at one moment; want at most %d", call, most, want)
	}
	for i, r := range res {
		if r.Status != 200 || r.Err != nil || r.URL != urls[i] {
			t.Fatalf("%s returned %s at index %d; want {%s 200}", call, show(r), i, urls[i])
		}
	}
	if len(res) != n {
		t.Fatalf("%s returned %d results, want %d", call, len(res), n)
	}
}
