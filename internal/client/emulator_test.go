package client

import (
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"
	"time"

	"github.com/chatzuri/terraform-provider-chatzuri/internal/emulator"
)

const emulatorKey = "sk-emulator-key-7d1b"

// startEmulator serves opts on 127.0.0.1 and returns the API's base URL.
func startEmulator(t *testing.T, opts emulator.Options) (*emulator.Server, string) {
	t.Helper()
	if opts.APIKey == "" {
		opts.APIKey = emulatorKey
	}
	emu := emulator.New(opts)
	srv := httptest.NewServer(emu)
	t.Cleanup(srv.Close)
	return emu, srv.URL + "/api/v1"
}

func emulatorClient(t *testing.T, baseURL string) *Client {
	t.Helper()
	return newTestClient(t, baseURL, func(cfg *Config) { cfg.APIKey = emulatorKey })
}

// newestFirst is the seeded leads in the order the API returns them.
func newestFirst(leads []emulator.Lead) []emulator.Lead {
	out := slices.Clone(leads)
	slices.SortStableFunc(out, func(a, b emulator.Lead) int { return b.CreatedAt.Compare(a.CreatedAt) })
	return out
}

// assertSameLeads checks that got is want, field by field and in order.
func assertSameLeads(t *testing.T, got []Lead, want []emulator.Lead) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d leads, want %d", len(got), len(want))
	}
	for i, w := range want {
		g := got[i]
		if g.ID != w.ID {
			t.Fatalf("lead %d: id %q, want %q", i, g.ID, w.ID)
		}
		for _, f := range []struct {
			name      string
			got, want *string
		}{
			{"created_at", g.CreatedAt, ptrTo(w.CreatedAtText())},
			{"chatbot_owner_user_id", g.ChatbotOwnerUserID, w.ChatbotOwnerUserID},
			{"chatbot_id", g.ChatbotID, w.ChatbotID},
			{"phone", g.Phone, w.Phone},
			{"email", g.Email, w.Email},
			{"name", g.Name, w.Name},
		} {
			if (f.got == nil) != (f.want == nil) || (f.got != nil && *f.got != *f.want) {
				t.Errorf("lead %s: %s = %s, want %s", w.ID, f.name, str(f.got), str(f.want))
			}
		}
	}
}

func ptrTo(s string) *string { return &s }

func TestEmulatorListingReturnsExactlyTheSeededLeadsNewestFirstInEveryEnvelope(t *testing.T) {
	seeded := emulator.SeedLeads("agt_sales", 237)
	for _, env := range []struct {
		name string
		e    emulator.Envelope
	}{
		{"data", emulator.EnvelopeData},
		{"collectedCustomers", emulator.EnvelopeCollectedCustomers},
		{"collectedCustomers.data", emulator.EnvelopeCollectedCustomersData},
	} {
		t.Run(env.name, func(t *testing.T) {
			emu, base := startEmulator(t, emulator.Options{
				Leads:    map[string][]emulator.Lead{"agt_sales": seeded},
				Envelope: env.e,
			})
			res, err := emulatorClient(t, base).ListLeads(testContext(t), LeadsQuery{AgentID: "agt_sales"})
			if err != nil {
				t.Fatalf("ListLeads: %v", err)
			}
			assertSameLeads(t, res.Items, newestFirst(seeded))
			if res.Truncated {
				t.Error("Truncated = true, want false")
			}
			if emu.Requests() != 4 || res.Pages != 4 {
				t.Errorf("requests = %d, pages = %d; want 4 and 4 (100+100+37, then empty)", emu.Requests(), res.Pages)
			}
		})
	}
}

func TestEmulatorSeedCoversWhatTheClientMustHandle(t *testing.T) {
	// The end-to-end tests above only prove something if the seed has ids
	// past 2^53, non-ASCII names, and null and absent fields.
	var bigID, nonASCII, nullField, omitted bool
	for _, l := range emulator.SeedLeads("agt_sales", 237) {
		bigID = bigID || (l.NumericID && len(l.ID) >= 16)
		if l.Name != nil {
			for _, r := range *l.Name {
				nonASCII = nonASCII || r > 127
			}
		}
		nullField = nullField || (!l.Omit && (l.Phone == nil || l.Name == nil))
		omitted = omitted || (l.Omit && l.Email == nil)
	}
	if !bigID || !nonASCII || !nullField || !omitted {
		t.Errorf("seed: id past 2^53 %v, non-ASCII name %v, null field %v, absent field %v; want all", bigID, nonASCII, nullField, omitted)
	}
}

func TestEmulatorListingReadsEveryLeadWhenMaxPageSizeIsBelowPageSize(t *testing.T) {
	seeded := emulator.SeedLeads("agt_capped", 50)
	emu, base := startEmulator(t, emulator.Options{
		Leads:       map[string][]emulator.Lead{"agt_capped": seeded},
		MaxPageSize: 7,
	})
	res, err := emulatorClient(t, base).ListLeads(testContext(t), LeadsQuery{AgentID: "agt_capped", PageSize: 100})
	if err != nil {
		t.Fatalf("ListLeads: %v", err)
	}
	assertSameLeads(t, res.Items, newestFirst(seeded))
	if emu.Requests() != 9 {
		t.Errorf("emulator got %d requests, want 9 (eight pages of at most 7, then empty)", emu.Requests())
	}
}

func TestEmulatorListingWithMaxLeadsReturnsTheNewest(t *testing.T) {
	seeded := emulator.SeedLeads("agt_sales", 30)
	_, base := startEmulator(t, emulator.Options{Leads: map[string][]emulator.Lead{"agt_sales": seeded}})
	res, err := emulatorClient(t, base).ListLeads(testContext(t), LeadsQuery{AgentID: "agt_sales", PageSize: 8, MaxLeads: 10})
	if err != nil {
		t.Fatalf("ListLeads: %v", err)
	}
	assertSameLeads(t, res.Items, newestFirst(seeded)[:10])
	if !res.Truncated {
		t.Error("Truncated = false, want true")
	}
}

func TestEmulatorDateFilterIsInclusiveAtBothEnds(t *testing.T) {
	seeded := emulator.SeedLeads("agt_sales", 200)
	const start, end = "2026-01-03", "2026-01-05"
	var want []emulator.Lead
	var onStart, onEnd bool
	for _, l := range newestFirst(seeded) {
		day := l.CreatedAt.UTC().Format(time.DateOnly)
		if day >= start && day <= end {
			want = append(want, l)
			onStart = onStart || day == start
			onEnd = onEnd || day == end
		}
	}
	if !onStart || !onEnd || len(want) == len(seeded) {
		t.Fatalf("seed has no lead on %s or %s, or none outside: the test proves nothing", start, end)
	}
	_, base := startEmulator(t, emulator.Options{Leads: map[string][]emulator.Lead{"agt_sales": seeded}})
	res, err := emulatorClient(t, base).ListLeads(testContext(t), LeadsQuery{AgentID: "agt_sales", StartDate: start, EndDate: end, PageSize: 10})
	if err != nil {
		t.Fatalf("ListLeads: %v", err)
	}
	assertSameLeads(t, res.Items, want)
}

func TestEmulatorSameDayStartAndEndReturnsThatDay(t *testing.T) {
	seeded := emulator.SeedLeads("agt_sales", 200)
	var want []emulator.Lead
	for _, l := range newestFirst(seeded) {
		if l.CreatedAt.UTC().Format(time.DateOnly) == "2026-01-04" {
			want = append(want, l)
		}
	}
	_, base := startEmulator(t, emulator.Options{Leads: map[string][]emulator.Lead{"agt_sales": seeded}})
	res, err := emulatorClient(t, base).ListLeads(testContext(t), LeadsQuery{AgentID: "agt_sales", StartDate: "2026-01-04", EndDate: "2026-01-04"})
	if err != nil {
		t.Fatalf("ListLeads: %v", err)
	}
	if len(want) == 0 {
		t.Fatal("seed has no lead on 2026-01-04: the test proves nothing")
	}
	assertSameLeads(t, res.Items, want)
}

func TestEmulatorAgentWithoutLeadsIsAnEmptyList(t *testing.T) {
	_, base := startEmulator(t, emulator.Options{Leads: emulator.DemoLeads()})
	res, err := emulatorClient(t, base).ListLeads(testContext(t), LeadsQuery{AgentID: "agt_empty"})
	if err != nil {
		t.Fatalf("ListLeads: %v", err)
	}
	if res.Items == nil || len(res.Items) != 0 {
		t.Errorf("items = %#v, want an empty, non-nil list", res.Items)
	}
}

func TestEmulatorRefusesAWrongKeyWith401(t *testing.T) {
	_, base := startEmulator(t, emulator.Options{Leads: emulator.DemoLeads()})
	c := newTestClient(t, base, func(cfg *Config) { cfg.APIKey = "sk-wrong" })
	_, err := c.ListLeads(testContext(t), LeadsQuery{AgentID: "agt_demo"})
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusUnauthorized || apiErr.Attempts != 1 {
		t.Fatalf("error = %v, want a 401 *APIError after 1 attempt", err)
	}
}

func TestEmulatorRefusesARequestWithoutAuthorizationWith401(t *testing.T) {
	_, base := startEmulator(t, emulator.Options{Leads: emulator.DemoLeads()})
	resp, err := http.Get(base + "/get-leads?agentId=agt_demo")
	if err != nil {
		t.Fatalf("GET: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("status = %d, want 401", resp.StatusCode)
	}
}

func TestEmulatorAnswersAnUnknownAgentWith404(t *testing.T) {
	_, base := startEmulator(t, emulator.Options{Leads: emulator.DemoLeads()})
	_, err := emulatorClient(t, base).ListLeads(testContext(t), LeadsQuery{AgentID: "agt_nobody"})
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusNotFound || apiErr.Message != "Agent not found" {
		t.Fatalf("error = %v, want a 404 *APIError saying \"Agent not found\"", err)
	}
}

func TestEmulatorAnswersBadDatesWith400(t *testing.T) {
	for _, tc := range []struct {
		name, start, end, message string
	}{
		{"start not zero-padded", "2026-1-5", "", "Invalid startDate: use YYYY-MM-DD"},
		{"end not zero-padded", "", "2026-01-5", "Invalid endDate: use YYYY-MM-DD"},
		{"impossible date", "2026-02-30", "", "Invalid startDate: use YYYY-MM-DD"},
		{"start after end", "2026-01-06", "2026-01-05", "startDate is after endDate"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			emu, base := startEmulator(t, emulator.Options{Leads: emulator.DemoLeads()})
			_, err := emulatorClient(t, base).ListLeads(testContext(t), LeadsQuery{AgentID: "agt_demo", StartDate: tc.start, EndDate: tc.end})
			var apiErr *APIError
			if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusBadRequest || apiErr.Message != tc.message {
				t.Fatalf("error = %v, want a 400 *APIError saying %q", err, tc.message)
			}
			if emu.Requests() != 1 {
				t.Errorf("emulator got %d requests, want 1", emu.Requests())
			}
		})
	}
}

func TestEmulatorAnswersSuccessWith202ByDefault(t *testing.T) {
	_, base := startEmulator(t, emulator.Options{Leads: emulator.DemoLeads()})
	req, err := http.NewRequestWithContext(testContext(t), http.MethodGet, base+"/get-leads?agentId=agt_demo", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+emulatorKey)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("GET: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusAccepted {
		t.Errorf("status = %d, want 202", resp.StatusCode)
	}
}

func TestEmulatorSuccessStatusIsAcceptedByTheClient(t *testing.T) {
	for _, status := range []int{http.StatusOK, http.StatusCreated, http.StatusAccepted} {
		t.Run(fmt.Sprint(status), func(t *testing.T) {
			seeded := emulator.SeedLeads("agt_demo", 12)
			_, base := startEmulator(t, emulator.Options{Leads: map[string][]emulator.Lead{"agt_demo": seeded}, SuccessStatus: status})
			res, err := emulatorClient(t, base).ListLeads(testContext(t), LeadsQuery{AgentID: "agt_demo"})
			if err != nil {
				t.Fatalf("ListLeads: %v", err)
			}
			assertSameLeads(t, res.Items, newestFirst(seeded))
		})
	}
}

func TestEmulatorLeadsArrivingWhileTheClientPagesAreNotDuplicated(t *testing.T) {
	seeded := emulator.SeedLeads("agt_sales", 40)
	emu := emulator.New(emulator.Options{APIKey: emulatorKey, Leads: map[string][]emulator.Lead{"agt_sales": seeded}})
	// After page 1 is served, two newer leads arrive and push page 2 along.
	fresh := []emulator.Lead{
		{ID: "lead_new_1", CreatedAt: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)},
		{ID: "lead_new_2", CreatedAt: time.Date(2027, 1, 2, 0, 0, 0, 0, time.UTC)},
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		emu.ServeHTTP(w, r)
		if r.URL.Query().Get("page") == "1" {
			emu.AddLeads("agt_sales", fresh...)
		}
	}))
	t.Cleanup(srv.Close)
	res, err := emulatorClient(t, srv.URL+"/api/v1").ListLeads(testContext(t), LeadsQuery{AgentID: "agt_sales", PageSize: 10})
	if err != nil {
		t.Fatalf("ListLeads: %v", err)
	}
	// Every seeded lead exactly once, in newest-first order; the new leads
	// were never on a page the client read.
	assertSameLeads(t, res.Items, newestFirst(seeded))
}
