package fetch_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/conckata/conckata/solutions/fetch"
)

// The status of four URLs, two at a time, on one client: a page, a missing
// page, a broken one, and a URL that cannot be requested. The progress
// reporter is called once per URL, one call at a time, and the results
// come in the order of the URLs.
func Example() {
	site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/":
			fmt.Fprintln(w, "welcome")
		case "/broken":
			http.Error(w, "oops", http.StatusInternalServerError)
		default:
			http.NotFound(w, r)
		}
	}))
	defer site.Close()
	client := &http.Client{Transport: &http.Transport{}}
	defer client.CloseIdleConnections()

	urls := []string{site.URL + "/", site.URL + "/missing", site.URL + "/broken", "://no-scheme"}
	progress := func(done, total int) { fmt.Printf("progress: %d/%d\n", done, total) }
	for i, r := range fetch.Statuses(context.Background(), client, urls, 2, progress) {
		if r.Err != nil {
			fmt.Printf("url %d: error: %v\n", i, r.Err)
			continue
		}
		fmt.Printf("url %d: %d %s\n", i, r.Status, http.StatusText(r.Status))
	}
	// Output:
	// progress: 1/4
	// progress: 2/4
	// progress: 3/4
	// progress: 4/4
	// url 0: 200 OK
	// url 1: 404 Not Found
	// url 2: 500 Internal Server Error
	// url 3: error: parse "://no-scheme": missing protocol scheme
}
