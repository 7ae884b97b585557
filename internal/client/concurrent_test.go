package client

import (
	"context"
	"errors"
	"net/http"
	"reflect"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chatzuri/terraform-provider-chatzuri/internal/emulator"
)

// readWith lists agent through a client with the given concurrency.
func readWith(t *testing.T, baseURL string, concurrency int, q LeadsQuery) *Result[Lead] {
	t.Helper()
	c := newTestClient(t, baseURL, func(cfg *Config) {
		cfg.APIKey = emulatorKey
		cfg.MaxConcurrentRequests = concurrency
		cfg.MaxRetries = 8
	})
	res, err := c.ListLeads(testContext(t), q)
	if err != nil {
		t.Fatalf("concurrency %d: %v", concurrency, err)
	}
	return res
}

// every429 answers every n-th request with 429 before it reaches h.
func every429(n int64, h http.Handler) http.HandlerFunc {
	var count atomic.Int64
	return func(w http.ResponseWriter, r *http.Request) {
		if count.Add(1)%n == 0 {
			w.Header().Set("Retry-After", "0")
			writeJSON(w, http.StatusTooManyRequests, `{"message":"Too many requests"}`)
			return
		}
		h.ServeHTTP(w, r)
	}
}

func TestConcurrentReadIsIdenticalToTheSequentialRead(t *testing.T) {
	leads := emulator.SeedLeads("agt_c", 437)
	cases := []struct {
		name    string
		opts    emulator.Options
		wrap    func(http.Handler) http.Handler
		q       LeadsQuery
		wantLen int
	}{
		{"plain", emulator.Options{}, nil, LeadsQuery{PageSize: 20}, 437},
		{"server caps size below page_size", emulator.Options{MaxPageSize: 15}, nil, LeadsQuery{PageSize: 40}, 437},
		{"every third request is a 429", emulator.Options{}, func(h http.Handler) http.Handler { return every429(3, h) }, LeadsQuery{PageSize: 25}, 437},
		{"max leads inside a page", emulator.Options{}, nil, LeadsQuery{PageSize: 20, MaxLeads: 111}, 111},
		{"date window", emulator.Options{}, nil, LeadsQuery{PageSize: 10, StartDate: "2026-01-05", EndDate: "2026-01-09"}, -1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			opts := tc.opts
			opts.APIKey = emulatorKey
			opts.Leads = map[string][]emulator.Lead{"agt_c": leads}
			emu := emulator.New(opts)
			var h http.Handler = emu
			if tc.wrap != nil {
				h = tc.wrap(emu)
			}
			srv := newRecordingServer(t, h.ServeHTTP)
			q := tc.q
			q.AgentID = "agt_c"

			sequential := readWith(t, srv.URL+"/api/v1", 1, q)
			concurrent := readWith(t, srv.URL+"/api/v1", 8, q)
			if tc.wantLen >= 0 && len(sequential.Items) != tc.wantLen {
				t.Fatalf("sequential read gave %d leads, want %d", len(sequential.Items), tc.wantLen)
			}
			if !reflect.DeepEqual(sequential.Items, concurrent.Items) {
				t.Fatalf("concurrent read (%d leads) differs from the sequential read (%d leads)", len(concurrent.Items), len(sequential.Items))
			}
			if sequential.Truncated != concurrent.Truncated || sequential.Pages != concurrent.Pages {
				t.Errorf("stats differ: sequential %+v, concurrent %+v", sequential.Stats, concurrent.Stats)
			}
		})
	}
}

func TestConcurrentReadOfShiftingPagesHasEachLeadOnce(t *testing.T) {
	leads := emulator.SeedLeads("agt_s", 200)
	emu := emulator.New(emulator.Options{APIKey: emulatorKey, Leads: map[string][]emulator.Lead{"agt_s": leads}})
	var served atomic.Int64
	newer := emulator.SeedLeads("agt_new", 30) // distinct ids, but older dates: give them newest ones
	srv := newRecordingServer(t, func(w http.ResponseWriter, r *http.Request) {
		if n := served.Add(1); n <= int64(len(newer)) {
			l := newer[n-1]
			l.ID = "new-" + strconv.FormatInt(n, 10)
			l.NumericID = false
			l.CreatedAt = time.Date(2027, 1, 1, 0, 0, int(n), 0, time.UTC)
			emu.AddLeads("agt_s", l) // a new lead shifts every page by one
		}
		emu.ServeHTTP(w, r)
	})
	res := readWith(t, srv.URL+"/api/v1", 6, LeadsQuery{AgentID: "agt_s", PageSize: 10})
	seen := map[string]bool{}
	for _, l := range res.Items {
		if seen[l.ID] {
			t.Fatalf("lead %s appears twice", l.ID)
		}
		seen[l.ID] = true
	}
	for _, l := range leads {
		if !seen[l.ID] {
			t.Fatalf("lead %s, present before the read began, is missing", l.ID)
		}
	}
}

func TestConcurrentReadOverfetchesAtMostTheWindow(t *testing.T) {
	leads := emulator.SeedLeads("agt_o", 95)
	emu := emulator.New(emulator.Options{APIKey: emulatorKey, Leads: map[string][]emulator.Lead{"agt_o": leads}})
	srv := newRecordingServer(t, emu.ServeHTTP)
	const window = 8
	res := readWith(t, srv.URL+"/api/v1", window, LeadsQuery{AgentID: "agt_o", PageSize: 10})
	// 95 leads: pages 1-10 hold them, page 11 is the empty end.
	if res.Pages != 11 || len(res.Items) != 95 {
		t.Fatalf("pages %d, leads %d; want 11 and 95", res.Pages, len(res.Items))
	}
	if res.Overfetched < 0 || res.Overfetched > window-1 {
		t.Errorf("overfetched %d pages, want at most %d", res.Overfetched, window-1)
	}
	// At most: each page used, each fetched ahead (some are dropped unsent),
	// and the second read of page 1 that checks the list did not move.
	if got := srv.Requests(); got > res.Pages+res.Overfetched+1 {
		t.Errorf("server saw %d requests for %d pages used and %d overfetched", got, res.Pages, res.Overfetched)
	}
}

func TestRequestsInFlightNeverExceedTheLimitAcrossListings(t *testing.T) {
	var inFlight, peak atomic.Int64
	emu := emulator.New(emulator.Options{APIKey: emulatorKey, Leads: map[string][]emulator.Lead{}})
	for i := range 10 {
		emu.AddLeads("agt_"+strconv.Itoa(i), emulator.SeedLeads("agt_"+strconv.Itoa(i), 60)...)
	}
	srv := newRecordingServer(t, func(w http.ResponseWriter, r *http.Request) {
		// Counted only before the response is written: a client may close
		// the body and send again before this handler returns.
		n := inFlight.Add(1)
		for p := peak.Load(); n > p && !peak.CompareAndSwap(p, n); p = peak.Load() {
		}
		time.Sleep(3 * time.Millisecond)
		inFlight.Add(-1)
		emu.ServeHTTP(w, r)
	})
	const limit = 3
	c := newTestClient(t, srv.URL+"/api/v1", func(cfg *Config) {
		cfg.APIKey = emulatorKey
		cfg.MaxConcurrentRequests = limit
	})
	var wg sync.WaitGroup
	errs := make(chan error, 10)
	for i := range 10 {
		wg.Go(func() {
			res, err := c.ListLeads(testContext(t), LeadsQuery{AgentID: "agt_" + strconv.Itoa(i), PageSize: 10})
			if err == nil && len(res.Items) != 60 {
				err = errors.New("short listing")
			}
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if got := peak.Load(); got > limit {
		t.Errorf("server saw %d requests in flight at once, limit %d", got, limit)
	}
	if _, got := c.gate.state(); got > limit || got < 2 {
		t.Errorf("client peak concurrency %d, want 2..%d (concurrent, but bounded)", got, limit)
	}
}

func TestTooManyRequestsSlowsTheWholeClient(t *testing.T) {
	g := newGate(8, 80*time.Millisecond)
	ctx := testContext(t)
	if err := g.acquire(ctx); err != nil {
		t.Fatal(err)
	}
	resp := &http.Response{StatusCode: http.StatusTooManyRequests, Header: http.Header{"Retry-After": {"3600"}}}
	g.release(resp)
	if limit, _ := g.state(); limit != 4 {
		t.Fatalf("limit after a 429 = %d, want 4 (halved)", limit)
	}
	start := time.Now()
	if err := g.acquire(ctx); err != nil {
		t.Fatal(err)
	}
	// Retry-After 3600 s, capped at 80 ms: every request waits it out.
	if waited := time.Since(start); waited < 60*time.Millisecond {
		t.Errorf("acquire after a 429 returned after %v, want it to wait out the capped Retry-After", waited)
	}
	// A run of successes as long as the limit (4) gives one place back: not
	// one success sooner, and not one later.
	ok := &http.Response{StatusCode: http.StatusAccepted}
	g.release(ok)
	for successes := 2; successes <= 4; successes++ {
		if limit, _ := g.state(); limit != 4 {
			t.Fatalf("limit after %d successes = %d, want still 4", successes-1, limit)
		}
		if err := g.acquire(ctx); err != nil {
			t.Fatal(err)
		}
		g.release(ok)
	}
	if limit, _ := g.state(); limit != 5 {
		t.Errorf("limit after 4 successes = %d, want 5 (grown by one)", limit)
	}
}

func TestGateWaitEndsWhenTheContextIsCancelled(t *testing.T) {
	g := newGate(1, time.Hour)
	if err := g.acquire(testContext(t)); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(testContext(t), 20*time.Millisecond)
	defer cancel()
	if err := g.acquire(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("acquire on a full gate = %v, want the context's error", err)
	}
}

func TestConcurrentReadFailsWholeWhenAMiddlePageFails(t *testing.T) {
	emu := emulator.New(emulator.Options{APIKey: emulatorKey, Leads: map[string][]emulator.Lead{"agt_f": emulator.SeedLeads("agt_f", 100)}})
	srv := newRecordingServer(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("page") == "3" {
			writeJSON(w, http.StatusInternalServerError, `{"message":"boom"}`)
			return
		}
		emu.ServeHTTP(w, r)
	})
	c := newTestClient(t, srv.URL+"/api/v1", func(cfg *Config) {
		cfg.APIKey = emulatorKey
		cfg.MaxConcurrentRequests = 6
	})
	res, err := c.ListLeads(testContext(t), LeadsQuery{AgentID: "agt_f", PageSize: 10})
	var pageErr *PageError
	if !errors.As(err, &pageErr) || pageErr.Page != 3 {
		t.Fatalf("got %v, %v; want a *PageError for page 3 and no result", res, err)
	}
	if res != nil {
		t.Errorf("a failed listing returned %d leads", len(res.Items))
	}
}
