package fetch

import (
	"context"
	"net/http"
	"testing"

	"github.com/conckata/conckata/internal/conformance/fetchtest"
	"github.com/conckata/conckata/internal/harness"
)

// This file is the same in katas/fetch and solutions/fetch: both run the
// one conformance suite. Read it in internal/conformance/fetchtest.

func TestMain(m *testing.M) { harness.Main(m) }

func TestFetch(t *testing.T) {
	fetchtest.Run(t, fetchtest.Impl{
		Statuses: func(ctx context.Context, client *http.Client, urls []string, limit int, progress func(done, total int)) []fetchtest.Result {
			return fetchtest.Results(Statuses(ctx, client, urls, limit, progress))
		},
	})
}
