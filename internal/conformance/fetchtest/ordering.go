package fetchtest

import (
	"context"
	"fmt"
	"testing"
	"testing/synctest"
)

// statusCycle are the statuses the URLs of a case answer, in turn: some are
// HTTP errors, which are statuses all the same.
var statusCycle = []int{200, 404, 500, 204, 418, 503, 201}

func resultsInInputOrder(t *testing.T, impl Impl) {
	cases := []struct {
		what  string
		after []int // URL i answers after[i] seconds after it is requested
		limit int
	}{
		{"6 URLs answering in reverse order", []int{6, 5, 4, 3, 2, 1}, 10},
		{"12 URLs answering in a shuffled order", []int{3, 9, 1, 12, 5, 7, 2, 11, 4, 8, 10, 6}, 3},
		{"5 URLs at limit 1", []int{5, 1, 4, 2, 3}, 1},
	}
	for _, c := range cases {
		synctest.Test(t, func(t *testing.T) {
			s := newSite()
			urls := make([]string, len(c.after))
			want := make([]Result, len(c.after))
			for i, after := range c.after {
				status := statusCycle[i%len(statusCycle)]
				urls[i] = siteURL(i, fmt.Sprintf("status=%d&after=%ds", status, after))
				want[i] = Result{URL: urls[i], Status: status}
			}
			got := impl.Statuses(context.Background(), s.client(), urls, c.limit, nil)
			if !sameResults(got, want) {
				t.Errorf("Statuses of %s, limit %d, returned %s; want %s: the result at index i is urls[i]'s, whatever order the answers come in",
					c.what, c.limit, brief(got), brief(want))
			}
		})
	}
}

// sameResults reports whether got has exactly want's URLs and statuses, in
// order, and no error.
func sameResults(got, want []Result) bool {
	if len(got) != len(want) {
		return false
	}
	for i := range got {
		if got[i] != want[i] {
			return false
		}
	}
	return true
}
