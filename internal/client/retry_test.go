package client

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"
)

// retryResponse is a synthetic response with a status and, when set, a
// Retry-After header.
func retryResponse(status int, retryAfter string) *http.Response {
	h := http.Header{}
	if retryAfter != "" {
		h.Set("Retry-After", retryAfter)
	}
	return &http.Response{StatusCode: status, Header: h}
}

// backoffClient is a client for calling backoff directly; it makes no request.
func backoffClient(t *testing.T, retryAfterMax time.Duration) *Client {
	t.Helper()
	return newTestClient(t, DefaultBaseURL, func(cfg *Config) { cfg.RetryAfterMax = retryAfterMax })
}

func TestParseRetryAfterReadsSecondsAndHTTPDates(t *testing.T) {
	now := time.Date(2015, time.October, 21, 7, 27, 30, 0, time.UTC)
	for _, tc := range []struct {
		name, value string
		want        time.Duration
	}{
		{"zero seconds", "0", 0},
		{"seconds", "120", 120 * time.Second},
		{"IMF-fixdate", "Wed, 21 Oct 2015 07:28:00 GMT", 30 * time.Second},
		{"RFC 850 date", "Wednesday, 21-Oct-15 07:29:30 GMT", 2 * time.Minute},
		{"asctime date", "Wed Oct 21 07:27:45 2015", 15 * time.Second},
		{"date in the past", "Wed, 21 Oct 2015 07:00:00 GMT", 0},
		{"seconds beyond a day are capped at a day", "999999999999", 24 * time.Hour},
		// Found by FuzzRetryAfter (testdata/fuzz/FuzzRetryAfter).
		{"a date beyond a day is capped at a day", "Thu, 21 Oct 2100 07:27:30 GMT", 24 * time.Hour},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := parseRetryAfter(tc.value, now)
			if !ok || got != tc.want {
				t.Errorf("parseRetryAfter(%q) = %v, %v; want %v, true", tc.value, got, ok, tc.want)
			}
		})
	}
}

func TestParseRetryAfterRejectsWhatIsNotADelay(t *testing.T) {
	now := time.Date(2015, time.October, 21, 7, 27, 30, 0, time.UTC)
	for _, v := range []string{"", "-5", "soon", "1.5", "Wed, 21 Oct 2015", "99999999999999999999999"} {
		if got, ok := parseRetryAfter(v, now); ok {
			t.Errorf("parseRetryAfter(%q) = %v, true; want false", v, got)
		}
	}
}

func TestBackoffHonoursRetryAfterSecondsOn429And503(t *testing.T) {
	c := backoffClient(t, time.Minute)
	for _, status := range []int{http.StatusTooManyRequests, http.StatusServiceUnavailable} {
		if got := c.backoff(time.Millisecond, 5*time.Millisecond, 0, retryResponse(status, "7")); got != 7*time.Second {
			t.Errorf("status %d, Retry-After 7: wait = %v, want 7s", status, got)
		}
	}
}

func TestBackoffHonoursRetryAfterHTTPDateOn429(t *testing.T) {
	c := backoffClient(t, time.Minute)
	at := time.Now().Add(30 * time.Second).UTC().Format(http.TimeFormat)
	got := c.backoff(time.Millisecond, 5*time.Millisecond, 0, retryResponse(http.StatusTooManyRequests, at))
	// The date has whole seconds, so up to one second is lost to rounding.
	if got < 28*time.Second || got > 30*time.Second {
		t.Errorf("Retry-After %q: wait = %v, want about 30s", at, got)
	}
}

// The provider builds its client without RetryAfterMax: a "Retry-After:
// 3600" must then cost at most a minute, as issue 4 requires.
func TestBackoffCapsRetryAfterAtOneMinuteByDefault(t *testing.T) {
	c, err := New(Config{BaseURL: DefaultBaseURL, APIKey: "k"})
	if err != nil {
		t.Fatal(err)
	}
	if got := c.backoff(time.Second, 30*time.Second, 1, retryResponse(http.StatusTooManyRequests, "3600")); got != time.Minute {
		t.Errorf("Retry-After 3600 with the default settings: wait = %v, want 1m0s", got)
	}
}

func TestBackoffCapsRetryAfterAtRetryAfterMax(t *testing.T) {
	c := backoffClient(t, 10*time.Second)
	for _, v := range []string{"3600", time.Now().Add(time.Hour).UTC().Format(http.TimeFormat)} {
		if got := c.backoff(time.Millisecond, 5*time.Millisecond, 0, retryResponse(http.StatusTooManyRequests, v)); got != 10*time.Second {
			t.Errorf("Retry-After %q: wait = %v, want the 10s cap", v, got)
		}
	}
}

func TestBackoffIgnoresRetryAfterOnOtherStatuses(t *testing.T) {
	c := backoffClient(t, time.Minute)
	for _, status := range []int{http.StatusInternalServerError, http.StatusBadGateway} {
		if got := c.backoff(time.Millisecond, 5*time.Millisecond, 0, retryResponse(status, "30")); got > 5*time.Millisecond {
			t.Errorf("status %d with Retry-After 30: wait = %v, want at most RetryWaitMax", status, got)
		}
	}
}

func TestBackoffWithoutUsableRetryAfterIsExponentialWithJitterWithinMinAndMax(t *testing.T) {
	const minWait, maxWait = 10 * time.Millisecond, 300 * time.Millisecond
	c := backoffClient(t, time.Minute)
	for _, resp := range []*http.Response{
		nil,
		retryResponse(http.StatusInternalServerError, ""),
		retryResponse(http.StatusTooManyRequests, ""),
		retryResponse(http.StatusTooManyRequests, "soon"),
	} {
		for attempt := range 12 {
			ceiling := min(maxWait, minWait<<(attempt+1))
			seen := map[time.Duration]bool{}
			for range 200 {
				got := c.backoff(minWait, maxWait, attempt, resp)
				if got < minWait || got > ceiling {
					t.Fatalf("attempt %d: wait = %v, want within [%v, %v]", attempt, got, minWait, ceiling)
				}
				seen[got] = true
			}
			if len(seen) < 2 {
				t.Errorf("attempt %d: 200 waits were all %v, want jitter", attempt, minWait)
			}
		}
	}
}

func TestBackoffGrowsWithTheAttempt(t *testing.T) {
	const minWait, maxWait = time.Millisecond, time.Hour
	c := backoffClient(t, time.Minute)
	largest := func(attempt int) time.Duration {
		var top time.Duration
		for range 200 {
			top = max(top, c.backoff(minWait, maxWait, attempt, nil))
		}
		return top
	}
	if a1, a6 := largest(1), largest(6); a6 <= 2*time.Millisecond || a6 <= a1 {
		t.Errorf("largest wait on attempt 1 = %v, on attempt 6 = %v; want it to grow", a1, a6)
	}
}

func TestRetryAfterBeyondRetryAfterMaxIsCappedEndToEnd(t *testing.T) {
	srv := sequenceServer(t,
		func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Retry-After", "3600")
			writeJSON(w, http.StatusTooManyRequests, `{"message":"slow down"}`)
		},
		reply(http.StatusOK, dataBody("1")),
		reply(http.StatusOK, dataBody()),
	)
	c := newTestClient(t, srv.URL, func(cfg *Config) { cfg.RetryAfterMax = 20 * time.Millisecond })
	start := time.Now()
	res, err := c.ListLeads(testContext(t), LeadsQuery{AgentID: "agt_1"})
	if err != nil {
		t.Fatalf("ListLeads: %v", err)
	}
	if elapsed := time.Since(start); elapsed < 20*time.Millisecond || elapsed > 3*time.Second {
		t.Errorf("ListLeads took %v, want about the 20ms cap", elapsed)
	}
	if len(res.Items) != 1 || srv.Requests() != 3 {
		t.Errorf("got %d leads from %d requests, want 1 from 3", len(res.Items), srv.Requests())
	}
}

func TestContextCancelledDuringALongRetryAfterWaitReturnsPromptly(t *testing.T) {
	answered := make(chan struct{}, 10)
	srv := newRecordingServer(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "60")
		writeJSON(w, http.StatusTooManyRequests, `{"message":"slow down"}`)
		answered <- struct{}{}
	})
	c := newTestClient(t, srv.URL, func(cfg *Config) {
		cfg.RetryAfterMax = 2 * time.Minute
		cfg.MaxRetries = 3
	})
	ctx, cancel := context.WithCancel(testContext(t))
	defer cancel()
	go func() {
		<-answered
		time.Sleep(50 * time.Millisecond) // let the client start its one-minute wait
		cancel()
	}()
	start := time.Now()
	res, err := c.ListLeads(ctx, LeadsQuery{AgentID: "agt_1"})
	elapsed := time.Since(start)
	if err == nil {
		t.Fatalf("ListLeads returned %d leads, want an error", len(res.Items))
	}
	if !errors.Is(err, context.Canceled) {
		t.Errorf("error %v (%T) is not context.Canceled", err, err)
	}
	if elapsed > 5*time.Second {
		t.Errorf("ListLeads took %v after cancellation, want well under the 60s Retry-After", elapsed)
	}
	if srv.Requests() != 1 {
		t.Errorf("server got %d requests, want 1", srv.Requests())
	}
}

func TestContextCancelledBeforeTheListingMakesNoRetries(t *testing.T) {
	srv := listServer(t, seq(3), 0)
	c := newTestClient(t, srv.URL, func(cfg *Config) { cfg.MaxRetries = 3 })
	ctx, cancel := context.WithCancel(testContext(t))
	cancel()
	_, err := c.ListLeads(ctx, LeadsQuery{AgentID: "agt_1"})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("error %v, want context.Canceled", err)
	}
	if srv.Requests() != 0 {
		t.Errorf("server got %d requests, want none", srv.Requests())
	}
}
