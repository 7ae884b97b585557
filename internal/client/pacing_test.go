package client

import (
	"context"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/chatzuri/terraform-provider-chatzuri/internal/emulator"
)

// rateLimitedRead reads 200 leads five a page (41 pages, and page 1 again),
// ten requests at a time, from an emulator that allows 20 requests a
// second per key, and returns the 429s it met.
func rateLimitedRead(t *testing.T, limit emulator.RateLimit) (rateLimited int, err error) {
	t.Helper()
	seeded := emulator.SeedLeads("agt_rl", 200)
	emu, base := startEmulator(t, emulator.Options{Leads: map[string][]emulator.Lead{"agt_rl": seeded}, RateLimit: &limit})
	c := newTestClient(t, base, func(cfg *Config) {
		cfg.APIKey = emulatorKey
		cfg.MaxConcurrentRequests = 10
		cfg.MaxRetries = 4
		cfg.RetryAfterMax = 5 * time.Second
	})
	res, err := c.ListLeads(t.Context(), LeadsQuery{AgentID: "agt_rl", PageSize: 5})
	if err == nil {
		assertSameLeads(t, res.Items, newestFirst(seeded))
	}
	return emu.RateLimited(), err
}

// With the rate-limit headers, the client paces itself by them: a read
// that needs twice the window meets at most a couple of 429s, where without
// them it bursts into many.
func TestRateLimitHeadersPaceTheRead(t *testing.T) {
	t.Parallel()
	window := emulator.RateLimit{Requests: 20, Window: time.Second}
	t.Run("premise: without the headers, the limit binds", func(t *testing.T) {
		t.Parallel()
		if denied, _ := rateLimitedRead(t, window); denied <= 2 {
			t.Fatalf("the read met %d 429s without the headers; the test would prove nothing", denied)
		}
	})
	for name, inSeconds := range map[string]bool{"Reset in milliseconds": false, "Reset in seconds": true} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			limit := window
			limit.Headers, limit.ResetInSeconds = true, inSeconds
			denied, err := rateLimitedRead(t, limit)
			if err != nil {
				t.Fatalf("ListLeads: %v", err)
			}
			if denied > 2 {
				t.Errorf("the read met %d 429s with the headers, want at most 2", denied)
			}
		})
	}
}

// rateLimitAnswer is a 202 whose headers say remaining requests are left
// until reset.
func rateLimitAnswer(remaining int, reset time.Time) *http.Response {
	h := http.Header{}
	h.Set(headerRemaining, strconv.Itoa(remaining))
	h.Set(headerReset, strconv.FormatInt(reset.UnixMilli(), 10))
	return &http.Response{StatusCode: http.StatusAccepted, Header: h}
}

// blocks reports whether acquire waits rather than giving a place at once.
func blocks(g *gate) bool {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
	defer cancel()
	if err := g.acquire(ctx); err != nil {
		return true
	}
	return false
}

// The budget is spent one request at a time; once spent, requests wait for
// the reset, then one goes alone until its answer gives the new budget.
func TestGateSpendsTheBudgetThenWaitsForTheResetThenProbes(t *testing.T) {
	g := newGate(10, time.Minute)
	if err := g.acquire(context.Background()); err != nil {
		t.Fatal(err)
	}
	reset := time.Now().Add(300 * time.Millisecond)
	g.release(rateLimitAnswer(2, reset))
	for i := range 2 {
		if blocks(g) {
			t.Fatalf("request %d of a budget of 2 waited", i+1)
		}
	}
	if !blocks(g) {
		t.Fatal("a request past the budget went before the reset")
	}
	time.Sleep(time.Until(reset))
	if blocks(g) {
		t.Fatal("the probe after the reset waited")
	}
	if !blocks(g) {
		t.Fatal("a second request went beside the probe")
	}
	g.release(rateLimitAnswer(5, time.Now().Add(time.Second)))
	// Two requests are still in flight (those of the first budget: the
	// probe's answer was the release), which the server may not have
	// counted yet: of 5, 3 are left.
	for i := range 3 {
		if blocks(g) {
			t.Fatalf("request %d of the new budget waited", i+1)
		}
	}
	if !blocks(g) {
		t.Fatal("the new budget was not spent")
	}
}

// Answers overtake each other: an older one, of the same window, that says
// more is left does not raise the budget.
func TestGateBudgetOfTheSameWindowOnlyFalls(t *testing.T) {
	g := newGate(10, time.Minute)
	for range 3 {
		if err := g.acquire(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	reset := time.Now().Add(time.Minute)
	g.release(rateLimitAnswer(4, reset)) // 4 left, 2 still in flight: 2
	g.release(rateLimitAnswer(9, reset)) // older: stays 2
	g.mu.Lock()
	budget := g.budget
	g.mu.Unlock()
	if budget != 2 {
		t.Errorf("budget = %d, want 2", budget)
	}
	g.release(rateLimitAnswer(9, reset.Add(time.Second))) // a later window: 9
	g.mu.Lock()
	budget = g.budget
	g.mu.Unlock()
	if budget != 9 {
		t.Errorf("budget after a later window = %d, want 9", budget)
	}
}

// Without the headers the gate never paces: answers without them leave it
// as it was before the headers existed.
func TestGateWithoutRateLimitHeadersNeverPaces(t *testing.T) {
	g := newGate(3, time.Minute)
	for range 50 {
		if blocks(g) {
			t.Fatal("a request waited with places free and no headers")
		}
		g.release(&http.Response{StatusCode: http.StatusAccepted, Header: http.Header{headerLimit: {"1"}}})
	}
	if g.budgetKnown {
		t.Error("a Limit alone made the budget known")
	}
}
