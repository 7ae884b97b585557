package client

import (
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// retryWarnings are the "retrying request" warnings in log.
func retryWarnings(log *recordingLogger) []string {
	var warnings []string
	for _, e := range strings.Split(log.all(), "\n") {
		if strings.HasPrefix(e, "WARN chatzuri: retrying request") {
			warnings = append(warnings, e)
		}
	}
	return warnings
}

var waitField = regexp.MustCompile(`\bwait_ms:\d+\b`)

func TestRetryWarningSaysWhyAndHowLongItWaited(t *testing.T) {
	// A host that is not loopback, refusing: one on loopback is not retried.
	refusedElsewhere := func(*testing.T) string { return "https://api.chatzuri.invalid" }
	blockUntilCancelled := func(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() }
	for _, tc := range []struct {
		name      string
		url       func(t *testing.T) string
		reason    string
		transport http.RoundTripper
	}{
		{"503", serve(reply(http.StatusServiceUnavailable, `{"message":"busy, key `+testAPIKey+`"}`)), "reason:status=503", nil},
		{"429", serve(reply(http.StatusTooManyRequests, `{}`)), "reason:status=429", nil},
		{"connection refused", refusedElsewhere, "reason:connection refused", &refusingTransport{}},
		{"connection closed before a response", serveT(hangUp), "reason:connection closed", nil},
		{"body cut off", serve(shortBody), "reason:body cut off", nil},
		{"JSON cut short", serve(reply(http.StatusOK, `{"data":[{"id":1,"email":"`+secretValue[:12])), "reason:body cut short", nil},
		{"timeout", serve(blockUntilCancelled), "reason:timeout", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			log := &recordingLogger{}
			c := newTestClient(t, tc.url(t), func(cfg *Config) {
				cfg.Logger = log
				cfg.MaxRetries = 1
				cfg.RequestTimeout = 300 * time.Millisecond
				cfg.Transport = tc.transport
			})
			_, _ = c.ListLeads(testContext(t), LeadsQuery{AgentID: "agt_1"})
			warnings := retryWarnings(log)
			if len(warnings) != 1 {
				t.Fatalf("%d retry warnings, want 1:\n%s", len(warnings), log.all())
			}
			if w := warnings[0]; !strings.Contains(w, tc.reason) || !waitField.MatchString(w) || !strings.Contains(w, "attempt:2") {
				t.Errorf("warning %q does not carry attempt:2, %s and wait_ms", w, tc.reason)
			}
			if all := log.all(); strings.Contains(all, testAPIKey) || strings.Contains(all, "jane") {
				t.Errorf("the log shows the API key or a lead's data:\n%s", all)
			}
		})
	}
}

func TestRetryWarningGivesTheWaitRetryAfterAskedFor(t *testing.T) {
	srv := sequenceServer(t,
		func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Retry-After", "1") // capped at fastConfig's RetryAfterMax, 10ms
			writeJSON(w, http.StatusServiceUnavailable, `{}`)
		},
		reply(http.StatusOK, dataBody()),
	)
	log := &recordingLogger{}
	c := newTestClient(t, srv.URL, func(cfg *Config) { cfg.Logger = log })
	if _, err := c.ListLeads(testContext(t), LeadsQuery{AgentID: "agt_1"}); err != nil {
		t.Fatalf("ListLeads: %v", err)
	}
	warnings := retryWarnings(log)
	if len(warnings) != 1 || !regexp.MustCompile(`\bwait_ms:10\b`).MatchString(warnings[0]) {
		t.Errorf("retry warnings %q, want one with wait_ms:10", warnings)
	}
}

// Pages are fetched concurrently: each retry warning names its own page's
// reason, never another page's.
func TestRetryWarningsOfConcurrentPagesKeepTheirOwnReasons(t *testing.T) {
	var mu sync.Mutex
	failed := map[string]bool{}
	srv := newRecordingServer(t, func(w http.ResponseWriter, r *http.Request) {
		page := r.URL.Query().Get("page")
		n, _ := strconv.Atoi(page)
		mu.Lock()
		first := !failed[page]
		failed[page] = true
		mu.Unlock()
		switch {
		case first && page == "2":
			writeJSON(w, http.StatusBadGateway, `{}`)
		case first && page == "3":
			// Not a hang-up: net/http itself retries a GET whose reused
			// connection closes before the response.
			shortBody(w, r)
		case first && page == "4":
			writeJSON(w, http.StatusServiceUnavailable, `{}`)
		case n <= 4:
			writeJSON(w, http.StatusOK, dataBody(page))
		default:
			writeJSON(w, http.StatusOK, dataBody())
		}
	})
	log := &recordingLogger{}
	c := newTestClient(t, srv.URL, func(cfg *Config) { cfg.Logger = log; cfg.MaxConcurrentRequests = 4 })
	res, err := c.ListLeads(testContext(t), LeadsQuery{AgentID: "agt_1", PageSize: 1})
	if err != nil || len(res.Items) != 4 {
		t.Fatalf("ListLeads: %v, %v; want 4 leads", res, err)
	}
	want := map[string]string{"2": "reason:status=502", "3": "reason:body cut off", "4": "reason:status=503"}
	warnings := retryWarnings(log)
	if len(warnings) != len(want) {
		t.Fatalf("%d retry warnings, want %d:\n%s", len(warnings), len(want), log.all())
	}
	for _, w := range warnings {
		page := regexp.MustCompile(`\bpage:(\d+)`).FindStringSubmatch(w)
		if page == nil || !strings.Contains(w, want[page[1]]) {
			t.Errorf("warning %q does not carry its page's reason", w)
		}
	}
}

// serve starts a server that answers its first request with first and every
// later one with an empty page, and returns its URL.
func serve(first http.HandlerFunc) func(t *testing.T) string {
	return func(t *testing.T) string { return sequenceServer(t, first, reply(http.StatusOK, dataBody())).URL }
}

func serveT(first func(t *testing.T) http.HandlerFunc) func(t *testing.T) string {
	return func(t *testing.T) string { return serve(first(t))(t) }
}
