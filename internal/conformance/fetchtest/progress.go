package fetchtest

import (
	"context"
	"fmt"
	"runtime"
	"sync/atomic"
	"testing"
	"testing/synctest"
)

// A progressLog is a progress function that records its calls and watches
// for two at once. It records each call first, without a lock, before any
// synchronisation of its own: calls that the implementation does not order
// (by a mutex, a channel, or making them from one goroutine) are then a
// data race that -race reports, whether or not they happen to overlap. It
// then yields a few times, a window in which a call from another goroutine
// overlaps it and is counted. It never blocks: in a bubble, a goroutine
// waiting for a sync.Mutex (which a correct implementation may hold while
// progress runs) is not durably blocked, so the bubble's clock could not
// move while progress slept.
type progressLog struct {
	calls    [][2]int     // (done, total) of each call, in order
	inside   atomic.Int32 // calls running now
	overlaps atomic.Int32 // calls that began while another ran
	late     atomic.Int32 // calls that began after Statuses returned
	returned atomic.Bool  // Statuses has returned
}

func (p *progressLog) progress(done, total int) {
	p.calls = append(p.calls, [2]int{done, total})
	if p.returned.Load() {
		p.late.Add(1)
	}
	if p.inside.Add(1) > 1 {
		p.overlaps.Add(1)
	}
	for range 3 {
		runtime.Gosched()
	}
	p.inside.Add(-1)
}

// check fails t unless the calls were serial and counted 1 to total.
func (p *progressLog) check(t *testing.T, call string, total int) {
	t.Helper()
	if problem := p.problem(total); problem != "" {
		t.Fatalf("%s %s", call, problem)
	}
}

// problem says what was wrong with the calls, if they were not serial or
// did not count 1 to total, or returns "".
func (p *progressLog) problem(total int) string {
	switch {
	case p.overlaps.Load() > 0:
		return fmt.Sprintf("called progress while another call of it was running, %d times; want one call at a time", p.overlaps.Load())
	case p.late.Load() > 0:
		return fmt.Sprintf("called progress %d times after it returned; want every call before it returns", p.late.Load())
	}
	for i, c := range p.calls {
		if c != [2]int{i + 1, total} {
			return fmt.Sprintf("called progress(%d, %d) as call %d; want progress(%d, %d): done rises by one from 1 to total",
				c[0], c[1], i+1, i+1, total)
		}
	}
	if len(p.calls) != total {
		return fmt.Sprintf("called progress %d times; want %d, once per URL", len(p.calls), total)
	}
	return ""
}

func progressSerialAndComplete(t *testing.T, impl Impl) {
	const n, limit = 20, 5
	synctest.Test(t, func(t *testing.T) {
		s := newSite()
		urls := make([]string, n)
		for i := range urls {
			// Five at a time answer at the same instant: their progress
			// calls are due at once.
			urls[i] = siteURL(i, "after=1s")
		}
		p := &progressLog{}
		res := impl.Statuses(context.Background(), s.client(), urls, limit, p.progress)
		p.returned.Store(true)
		call := fmt.Sprintf("Statuses of %d URLs at limit %d, five answering at each instant,", n, limit)
		p.check(t, call, n)
		if len(res) != n {
			t.Fatalf("%s returned %d results, want %d", call, len(res), n)
		}
	})
	synctest.Test(t, func(t *testing.T) {
		s := newSite()
		urls := []string{siteURL(0, "status=404"), siteURL(1, ""), siteURL(2, "after=1s")}
		res := impl.Statuses(context.Background(), s.client(), urls, 2, nil)
		want := []Result{{urls[0], 404, nil}, {urls[1], 200, nil}, {urls[2], 200, nil}}
		if !sameResults(res, want) {
			t.Fatalf("Statuses of 3 URLs with a nil progress returned %s; want %s", brief(res), brief(want))
		}
	})
}
