package netfake

import (
	"context"
	"errors"
	"io"
	"net/http"
	"testing"
	"testing/synctest"
	"time"

	"github.com/conckata/conckata/internal/harness"
)

func TestMain(m *testing.M) { harness.Main(m) }

func TestDialedBytesReachTheAcceptedConn(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		l := Listen()
		defer l.Close()
		go func() {
			c, err := l.Accept()
			if err != nil {
				t.Errorf("Accept: %v", err)
				return
			}
			defer c.Close()
			io.Copy(c, c) // echo until the client closes
		}()
		c, err := l.Dial(t.Context())
		if err != nil {
			t.Fatalf("Dial: %v", err)
		}
		defer c.Close()
		if _, err := c.Write([]byte("ping")); err != nil {
			t.Fatal(err)
		}
		buf := make([]byte, 4)
		if _, err := io.ReadFull(c, buf); err != nil || string(buf) != "ping" {
			t.Fatalf("read back %q, %v, want \"ping\"", buf, err)
		}
	})
}

func TestClosedListenerFailsAcceptAndDial(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		l := Listen()
		accepted := make(chan error)
		go func() { _, err := l.Accept(); accepted <- err }()
		synctest.Wait()
		l.Close()
		if err := <-accepted; !errors.Is(err, ErrClosed) {
			t.Errorf("Accept blocked when Close was called returned %v, want ErrClosed", err)
		}
		if _, err := l.Dial(t.Context()); !errors.Is(err, ErrClosed) {
			t.Errorf("Dial after Close returned %v, want ErrClosed", err)
		}
		ctx, cancel := context.WithTimeout(t.Context(), time.Second)
		defer cancel()
		if _, err := Listen().Dial(ctx); !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("Dial with no Accept and a 1s ctx returned %v, want DeadlineExceeded", err)
		}
	})
}

// A slow handler takes its time on the bubble's clock, and a client timeout
// shorter than it ends the request with the ctx's error.
func TestTransportServesOnTheBubblesClock(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		client := &http.Client{Transport: &Transport{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			select {
			case <-time.After(2 * time.Second):
				w.WriteHeader(http.StatusTeapot)
				io.WriteString(w, r.URL.Path)
			case <-r.Context().Done():
			}
		})}}
		start := time.Now()
		res, err := client.Get("http://backend/slow")
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusTeapot || string(body) != "/slow" || time.Since(start) != 2*time.Second {
			t.Errorf("got %d %q after %v, want 418 \"/slow\" after 2s", res.StatusCode, body, time.Since(start))
		}
		ctx, cancel := context.WithTimeout(t.Context(), time.Second)
		defer cancel()
		req, _ := http.NewRequestWithContext(ctx, "GET", "http://backend/slow", nil)
		if _, err := client.Do(req); !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("a 1s request to a 2s handler returned %v, want DeadlineExceeded", err)
		}
		synctest.Wait() // the handler saw the ctx end and returned
	})
}
