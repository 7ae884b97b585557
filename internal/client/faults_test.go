package client

import (
	"errors"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chatzuri/terraform-provider-chatzuri/internal/emulator"
)

// faultyListing lists agt_f, 30 leads, from an emulator that serves plan's
// faults, with the given client settings.
func faultyListing(t *testing.T, plan emulator.FaultPlan, retryAfter string, edit ...func(*Config)) (*Result[Lead], *emulator.Server, error) {
	t.Helper()
	emu := emulator.New(emulator.Options{APIKey: emulatorKey, Faults: plan, RetryAfter: retryAfter,
		Leads: map[string][]emulator.Lead{"agt_f": emulator.SeedLeads("agt_f", 30)}})
	srv := httptest.NewServer(emu)
	t.Cleanup(srv.Close)
	c := newTestClient(t, srv.URL+"/api/v1", append([]func(*Config){func(cfg *Config) { cfg.APIKey = emulatorKey }}, edit...)...)
	res, err := c.ListLeads(testContext(t), LeadsQuery{AgentID: "agt_f", PageSize: 10})
	return res, emu, err
}

func requirePageError(t *testing.T, err error, page int) {
	t.Helper()
	var pageErr *PageError
	if !errors.As(err, &pageErr) || pageErr.Page != page {
		t.Fatalf("error %v does not name page %d", err, page)
	}
}

func TestEmulatorFaults(t *testing.T) {
	t.Run("a connection reset mid-body once is retried", func(t *testing.T) {
		res, emu, err := faultyListing(t, emulator.FaultOnRequests(emulator.FaultResetMidBody, 2), "")
		if err != nil || len(res.Items) != 30 {
			t.Fatalf("got %v, %v; want all 30 leads", res, err)
		}
		if emu.Requests() != 5 { // pages 1-4, one of them twice
			t.Errorf("requests = %d, want 5", emu.Requests())
		}
	})
	t.Run("a connection reset mid-body every time names the page", func(t *testing.T) {
		_, emu, err := faultyListing(t, emulator.FaultAlways(emulator.FaultResetMidBody), "")
		var netErr *TransportError
		if !errors.As(err, &netErr) || netErr.Attempts != 3 || netErr.Fault != FaultRead || netErr.Timeout() {
			t.Fatalf("error %v, want a body cut off (not a timeout) after 3 tries", err)
		}
		requirePageError(t, err, 1)
		if emu.Requests() != 3 {
			t.Errorf("requests = %d, want 3", emu.Requests())
		}
	})
	t.Run("truncated JSON is retried, then named", func(t *testing.T) {
		_, emu, err := faultyListing(t, emulator.FaultAlways(emulator.FaultTruncatedJSON), "")
		var bodyErr *ResponseError
		if !errors.As(err, &bodyErr) || bodyErr.Fault != FaultCutShort || !strings.Contains(err.Error(), "not valid JSON") || emu.Requests() != 3 {
			t.Fatalf("error %v after %d requests, want malformed JSON after 3", err, emu.Requests())
		}
		requirePageError(t, err, 1)
	})
	t.Run("an HTML 502 from a proxy is retried and named as HTML", func(t *testing.T) {
		_, emu, err := faultyListing(t, emulator.FaultAlways(emulator.FaultHTMLBadGateway), "")
		var apiErr *APIError
		if !errors.As(err, &apiErr) || apiErr.StatusCode != 502 || !strings.Contains(err.Error(), "HTML page, not JSON") {
			t.Fatalf("error %v, want a 502 that says HTML", err)
		}
		if emu.Requests() != 3 || strings.Contains(err.Error(), "<html") {
			t.Errorf("requests = %d, error %q: want 3 tries and no HTML quoted", emu.Requests(), err)
		}
	})
	t.Run("a 2xx with an empty body says so, without retrying", func(t *testing.T) {
		_, emu, err := faultyListing(t, emulator.FaultAlways(emulator.FaultEmptyBody), "")
		if err == nil || !strings.Contains(err.Error(), "empty") || emu.Requests() != 1 {
			t.Fatalf("error %v after %d requests", err, emu.Requests())
		}
	})
	t.Run("a 2xx of another shape says what arrived", func(t *testing.T) {
		_, _, err := faultyListing(t, emulator.FaultAlways(emulator.FaultWrongShape), "")
		var bodyErr *ResponseError
		if !errors.As(err, &bodyErr) || bodyErr.Fault == FaultCutShort || !strings.Contains(err.Error(), `"items", "total"`) {
			t.Fatalf("error %v, want it to name the keys that arrived", err)
		}
	})
	t.Run("a 429 storm asking for an hour waits only the capped time", func(t *testing.T) {
		started := time.Now()
		_, emu, err := faultyListing(t, emulator.FaultAlways(emulator.FaultTooManyRequests), "3600",
			func(cfg *Config) { cfg.RetryAfterMax = 50 * time.Millisecond })
		var apiErr *APIError
		if !errors.As(err, &apiErr) || apiErr.StatusCode != 429 || apiErr.Attempts != 3 {
			t.Fatalf("error %v, want a 429 after 3 tries", err)
		}
		if elapsed := time.Since(started); elapsed > 5*time.Second || emu.Requests() != 3 {
			t.Errorf("took %s and %d requests; Retry-After 3600 must be capped", elapsed, emu.Requests())
		}
	})
	t.Run("a response that never finishes hits the request timeout and is retried", func(t *testing.T) {
		_, emu, err := faultyListing(t, emulator.FaultAlways(emulator.FaultSlowLoris), "",
			func(cfg *Config) { cfg.RequestTimeout = 300 * time.Millisecond; cfg.MaxRetries = 1 })
		var netErr *TransportError
		if !errors.As(err, &netErr) || !netErr.Timeout() || netErr.Attempts != 2 || netErr.TryTimeout != 300*time.Millisecond {
			t.Fatalf("error %#v, want a timeout after 2 tries of 300ms each", err)
		}
		if emu.Requests() != 2 {
			t.Errorf("requests = %d, want 2", emu.Requests())
		}
	})
	t.Run("a body far larger than a page stops at the bound", func(t *testing.T) {
		_, emu, err := faultyListing(t, emulator.FaultAlways(emulator.FaultHugeBody), "",
			func(cfg *Config) { cfg.MaxBodyBytes = 1 << 20 })
		if err == nil || !strings.Contains(err.Error(), "larger than 1048576 bytes") || emu.Requests() != 1 {
			t.Fatalf("error %v after %d requests, want the size bound, not retried", err, emu.Requests())
		}
	})
	t.Run("seeded random faults still give every lead, once", func(t *testing.T) {
		plan := emulator.FaultsAtRandom(7, 0.3, emulator.FaultResetMidBody, emulator.FaultTruncatedJSON, emulator.FaultTooManyRequests, emulator.FaultServerError)
		res, _, err := faultyListing(t, plan, "0", func(cfg *Config) { cfg.MaxRetries = 6 })
		if err != nil || len(res.Items) != 30 {
			t.Fatalf("got %v, %v; want all 30 leads", res, err)
		}
	})
}
