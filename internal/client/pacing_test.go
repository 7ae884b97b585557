package client

import (
	"context"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/chatzuri/terraform-provider-chatzuri/internal/emulator"
)

// rateLimitedRead reads 60 leads five a page (13 pages, and page 1 again),
// ten requests at a time, from an emulator that allows 5 requests a second
// per key, and returns the 429s it met. Unpaced, the 9 pages read ahead
// after page 1 go at once, and at least 5 of them are refused.
func rateLimitedRead(t *testing.T, limit emulator.RateLimit) (rateLimited int, err error) {
	t.Helper()
	seeded := emulator.SeedLeads("agt_rl", 60)
	emu, base := startEmulator(t, emulator.Options{Leads: map[string][]emulator.Lead{"agt_rl": seeded}, RateLimit: &limit})
	c := newTestClient(t, base, func(cfg *Config) {
		cfg.APIKey = emulatorKey
		cfg.MaxConcurrentRequests = 10
		cfg.MaxRetries = 4
		cfg.RetryAfterMax = 5 * time.Second
	})
	// Paced, the read takes seconds by design: a deadline of its own.
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	res, err := c.ListLeads(ctx, LeadsQuery{AgentID: "agt_rl", PageSize: 5})
	if err == nil {
		assertSameLeads(t, res.Items, newestFirst(seeded))
	}
	return emu.RateLimited(), err
}

// With the rate-limit headers, the client paces itself by them: a read
// that needs three windows meets at most a couple of 429s, where without
// them it bursts into many.
func TestRateLimitHeadersPaceTheRead(t *testing.T) {
	t.Parallel()
	window := emulator.RateLimit{Requests: 5, Window: time.Second}
	t.Run("premise: without the headers, the limit binds", func(t *testing.T) {
		t.Parallel()
		denied, _ := rateLimitedRead(t, window)
		t.Logf("without the headers, the read met %d 429s", denied)
		if denied <= 2 {
			t.Fatalf("the read met %d 429s without the headers; the test would prove nothing", denied)
		}
	})
	for name, inSeconds := range map[string]bool{"Reset in milliseconds": false, "Reset in seconds": true} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			limit := window
			limit.Headers, limit.ResetInSeconds = true, inSeconds
			denied, err := rateLimitedRead(t, limit)
			t.Logf("with the headers, the read met %d 429s", denied)
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
	return g.acquire(ctx) != nil
}

// take is a place of g, which must be free, and the request's number.
func take(t *testing.T, g *gate) uint64 {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
	defer cancel()
	n, err := g.take(ctx)
	if err != nil {
		t.Fatalf("request %d waited", g.sent+1)
	}
	return n
}

// The budget is the lowest Remaining less the requests in flight; once
// spent, requests wait for the reset, then one goes alone, and its answer
// begins the count again.
func TestGateSpendsTheBudgetThenWaitsForTheResetThenProbes(t *testing.T) {
	g := newGate(10, time.Minute)
	reset := time.Now().Add(300 * time.Millisecond)
	g.answer(rateLimitAnswer(2, reset), take(t, g))
	a, b := take(t, g), take(t, g)
	if !blocks(g) {
		t.Fatal("a request past the budget of 2 went")
	}
	// b reached the server last and is answered first.
	g.answer(rateLimitAnswer(0, reset), b)
	g.answer(rateLimitAnswer(1, reset), a)
	if !blocks(g) {
		t.Fatal("an older answer gave back a request the window has not")
	}
	time.Sleep(time.Until(reset))
	probe := take(t, g)
	if !blocks(g) {
		t.Fatal("a second request went beside the probe")
	}
	g.answer(rateLimitAnswer(5, time.Now().Add(time.Second)), probe)
	for range 5 {
		take(t, g)
	}
	if !blocks(g) {
		t.Fatal("the new budget of 5 was not spent")
	}
}

// Answers overtake each other: one that says more is left than a newer one
// does not raise the budget, and the requests in flight count against it.
func TestGateBudgetIsTheLowestRemainingLessTheRequestsInFlight(t *testing.T) {
	g := newGate(10, time.Minute)
	reset := time.Now().Add(time.Minute)
	first, second, third := take(t, g), take(t, g), take(t, g)
	g.answer(rateLimitAnswer(4, reset), third)
	g.answer(rateLimitAnswer(6, reset), first)
	// 4 left when third was counted; second is still in flight.
	for range 3 {
		take(t, g)
	}
	if !blocks(g) {
		t.Fatal("more went than the lowest Remaining less those in flight")
	}
	// second was counted before third (it says more is left): answered, it
	// no longer counts in flight, and the lowest Remaining stays.
	g.answer(rateLimitAnswer(5, reset), second)
	take(t, g)
	if !blocks(g) {
		t.Fatal("an answer that says more is left raised the budget")
	}
}

// An answer that says as little is left as the lowest Remaining so far
// brings the Reset the gate waits for: the server said it last. Here the
// window it first said frees at once is said to free in a second.
func TestGateWaitsForTheResetOfTheLatestAnswerWithTheLowestRemaining(t *testing.T) {
	g := newGate(10, time.Minute)
	first, second := take(t, g), take(t, g)
	soon := time.Now().Add(50 * time.Millisecond)
	g.answer(rateLimitAnswer(0, soon), first)
	g.answer(rateLimitAnswer(0, time.Now().Add(time.Second)), second)
	time.Sleep(time.Until(soon) + 10*time.Millisecond)
	if !blocks(g) {
		t.Fatal("a request went at the Reset of the first answer; the second said the window frees a second later")
	}
}

// A probe answered without the headers (a 502 from a proxy, a dropped
// connection) lets the next request be the probe.
func TestGateProbeAnsweredWithoutHeadersLetsTheNextGo(t *testing.T) {
	g := newGate(10, time.Minute)
	g.answer(rateLimitAnswer(0, time.Now().Add(-time.Second)), take(t, g))
	probe := take(t, g)
	if !blocks(g) {
		t.Fatal("a second request went beside the probe")
	}
	g.answer(&http.Response{StatusCode: http.StatusBadGateway, Header: http.Header{}}, probe)
	take(t, g)
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
