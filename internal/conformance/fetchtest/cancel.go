package fetchtest

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"testing/synctest"
	"time"
)

func cancelReturnsPromptly(t *testing.T, impl Impl) {
	for _, deadline := range []bool{false, true} {
		synctest.Test(t, func(t *testing.T) { cancelInBubble(t, impl, deadline) })
	}
	cancelOnLoopback(t, impl)
}

// cancelInBubble: of 30 URLs at limit 4, the first two answer at once and
// the others are held; ctx ends at 1s, by cancel or by its deadline.
func cancelInBubble(t *testing.T, impl Impl, deadline bool) {
	const n, limit, answered = 30, 4, 2
	s := newSite()
	urls := make([]string, n)
	for i := range urls {
		urls[i] = siteURL(i, "hold")
		if i < answered {
			urls[i] = siteURL(i, "")
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	how := "ctx cancelled at 1s"
	if deadline {
		ctx, cancel = context.WithTimeout(context.Background(), time.Second)
		how = "a ctx whose deadline is 1s"
	} else {
		time.AfterFunc(time.Second, cancel)
	}
	defer cancel()
	call := fmt.Sprintf("Statuses of %d URLs at limit %d (the first %d answered at once, the others held), with %s,", n, limit, answered, how)
	p := &progressLog{}
	start := time.Now()
	res := impl.Statuses(ctx, s.client(), urls, limit, p.progress)
	p.returned.Store(true)
	if took := time.Since(start); took != time.Second {
		t.Fatalf("%s returned after %v; want at once when ctx is done, at 1s", call, took)
	}
	if got := s.requests(); got != answered+limit {
		t.Fatalf("%s made %d requests; want %d: no new request once ctx is done", call, got, answered+limit)
	}
	if len(res) != n {
		t.Fatalf("%s returned %d results, want %d", call, len(res), n)
	}
	for i, r := range res {
		if i < answered && r != (Result{URL: urls[i], Status: 200}) {
			t.Fatalf("%s returned %s at index %d; want {%s 200}, answered before ctx was done", call, show(r), i, urls[i])
		}
		if i >= answered && (r.URL != urls[i] || r.Status != 0 || !errors.Is(r.Err, ctx.Err())) {
			t.Fatalf("%s returned %s at index %d; want Status 0 and an error that is %v", call, show(r), i, ctx.Err())
		}
	}
	p.check(t, call, n)
}

// cancelOnLoopback: a server on 127.0.0.1 holds every request until its
// client goes away; once 4 are held, ctx is cancelled.
func cancelOnLoopback(t *testing.T, impl Impl) {
	const n, limit = 40, 4
	s := newServer(true)
	defer s.Close()
	client, tr := newClient(limit)
	defer tr.CloseIdleConnections()
	urls := make([]string, n)
	for i := range urls {
		urls[i] = fmt.Sprintf("%s/%d", s.URL, i)
	}
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	call := fmt.Sprintf("Statuses of %d URLs at limit %d on a server on 127.0.0.1 that holds them, cancelled once %d were held,", n, limit, limit)
	returned := make(chan []Result, 1)
	go func() { returned <- impl.Statuses(ctx, client, urls, limit, nil) }()
	if !s.waitHeld(ctx, limit) {
		cancel()
		<-returned
		t.Fatalf("%s never had %d requests held (the server waited 2s and saw %d)", call, limit, s.requests.Load())
	}
	cancel()
	timer := time.NewTimer(2 * time.Second)
	defer timer.Stop()
	var res []Result
	select {
	case res = <-returned:
	case <-timer.C:
		t.Fatalf("%s had not returned 2s after the cancel; want at once: the requests in flight must end with ctx", call)
	}
	if got := s.requests.Load(); got != limit {
		t.Fatalf("%s made %d requests; want %d: no new request once ctx is done", call, got, limit)
	}
	for i, r := range res {
		if r.URL != urls[i] || r.Status != 0 || !errors.Is(r.Err, context.Canceled) {
			t.Fatalf("%s returned %s at index %d; want Status 0 and an error that is context.Canceled", call, show(r), i)
		}
	}
	if len(res) != n {
		t.Fatalf("%s returned %d results, want %d", call, len(res), n)
	}
}
