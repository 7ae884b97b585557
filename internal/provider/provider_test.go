package provider

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"

	"github.com/chatzuri/terraform-provider-chatzuri/internal/client"
	"github.com/chatzuri/terraform-provider-chatzuri/internal/emulator"
)

// testAccProtoV6ProviderFactories serves the provider in-process to the
// Terraform CLI that terraform-plugin-testing runs.
var testAccProtoV6ProviderFactories = map[string]func() (tfprotov6.ProviderServer, error){
	"chatzuri": NewProviderServer("test"),
}

const (
	// Set both to run the acceptance tests against the live API.
	envTestAgentID = "CHATZURI_TEST_AGENT_ID"
	emulatorAPIKey = "test-key-3f9a1c"
)

func testAccPreCheck(t *testing.T) {
	t.Helper()
	if os.Getenv("TF_ACC") == "" {
		// resource.Test skips too; this keeps the reason in one place.
		t.Skip("acceptance test: set TF_ACC=1 to run it (make testacc)")
	}
}

// accTarget is where an acceptance test's provider sends its requests: the
// in-process emulator, or the live API when CHATZURI_API_KEY and
// CHATZURI_TEST_AGENT_ID are both set.
type accTarget struct {
	live    bool
	baseURL string
	apiKey  string
	agentID string // the live agent; empty for the emulator
	emu     *emulator.Server

	mu         sync.Mutex
	userAgents []string // of every request the emulator received
}

var announce sync.Once

// newAccTarget starts an emulator serving agents (unless the live API is
// selected) and says which one the test is using.
func newAccTarget(t *testing.T, opts emulator.Options) *accTarget {
	t.Helper()
	testAccPreCheck(t)
	key, agent := os.Getenv(envAPIKey), os.Getenv(envTestAgentID)
	if key != "" && agent != "" {
		base := os.Getenv(envBaseURL)
		if base == "" {
			base = client.DefaultBaseURL
		}
		announce.Do(func() { fmt.Printf("chatzuri acceptance tests: using the LIVE API at %s, agent %s\n", base, agent) })
		t.Logf("using the live Chatzuri API at %s with agent %s", base, agent)
		return &accTarget{live: true, baseURL: base, apiKey: key, agentID: agent}
	}
	opts.APIKey = emulatorAPIKey
	emu := emulator.New(opts)
	tg := &accTarget{apiKey: emulatorAPIKey, emu: emu}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		tg.mu.Lock()
		tg.userAgents = append(tg.userAgents, r.Header.Get("User-Agent"))
		tg.mu.Unlock()
		emu.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	announce.Do(func() {
		fmt.Printf("chatzuri acceptance tests: using the in-process emulator (set %s and %s to run them against the live API)\n", envAPIKey, envTestAgentID)
	})
	t.Logf("using the in-process Chatzuri emulator at %s", srv.URL)
	tg.baseURL = srv.URL + "/api/v1"
	return tg
}

// agent is the agent id a test reads: its emulator agent, or the live one.
func (tg *accTarget) agent(emulatorAgent string) string {
	if tg.live {
		return tg.agentID
	}
	return emulatorAgent
}

// requireEmulator skips a test whose premise only the emulator can set up.
func (tg *accTarget) requireEmulator(t *testing.T, why string) {
	t.Helper()
	if tg.live {
		t.Skipf("runs only against the emulator: %s", why)
	}
}

// providerConfig configures the provider by attributes, plus extra ones;
// an extra max_retries replaces the default of 1.
func (tg *accTarget) providerConfig(extra ...string) string {
	extras := strings.Join(extra, "\n  ")
	if !strings.Contains(extras, "max_retries") {
		extras = "max_retries = 1\n  " + extras
	}
	return fmt.Sprintf(`
provider "chatzuri" {
  base_url    = %q
  api_key     = %q
  %s
}
`, tg.baseURL, tg.apiKey, extras)
}

// expectedLeads is what a read of agent between start and end must return.
// For the emulator it is computed from the seeded leads, independently of
// the client; for the live API it is the API's own answer, read directly.
func (tg *accTarget) expectedLeads(t *testing.T, seeded []emulator.Lead, agent, start, end string) []client.Lead {
	t.Helper()
	if tg.live {
		return readDirectly(t, tg, client.Leads, client.AgentWindow{AgentID: agent, StartDate: start, EndDate: end}.Params())
	}
	var want []client.Lead
	for i := len(seeded) - 1; i >= 0; i-- { // seeded oldest first; the API answers newest first
		l := seeded[i]
		day := l.CreatedAt.UTC().Format("2006-01-02")
		if (start != "" && day < start) || (end != "" && day > end) {
			continue
		}
		want = append(want, client.Lead{
			ID: l.ID, CreatedAt: ptr(l.CreatedAtText()), ChatbotOwnerUserID: l.ChatbotOwnerUserID,
			ChatbotID: l.ChatbotID, Phone: l.Phone, Email: l.Email, Name: l.Name,
		})
	}
	return want
}

// readDirectly reads the whole list l with params from the live API,
// through the client alone: what the data source must return.
func readDirectly[T any](t *testing.T, tg *accTarget, l client.List[T], params url.Values) []T {
	t.Helper()
	c, err := client.New(client.Config{BaseURL: tg.baseURL, APIKey: tg.apiKey})
	if err != nil {
		t.Fatal(err)
	}
	items := []T{}
	_, err = client.Each(context.Background(), c, l, client.Query{Params: params}, func(page []T, restart bool) error {
		if restart {
			items = items[:0]
		}
		items = append(items, page...)
		return nil
	})
	if err != nil {
		t.Fatalf("reading the expected %s from the live API: %v", l.Path, err)
	}
	return items
}

// leadsMatch checks the leads attribute lead for lead, in order.
func leadsMatch(leads []client.Lead) knownvalue.Check {
	checks := make([]knownvalue.Check, len(leads))
	for i, l := range leads {
		checks[i] = knownvalue.ObjectExact(map[string]knownvalue.Check{
			"id":                    knownvalue.StringExact(l.ID),
			"created_at":            stringOrNull(l.CreatedAt),
			"chatbot_owner_user_id": stringOrNull(l.ChatbotOwnerUserID),
			"chatbot_id":            stringOrNull(l.ChatbotID),
			"phone":                 stringOrNull(l.Phone),
			"email":                 stringOrNull(l.Email),
			"name":                  stringOrNull(l.Name),
		})
	}
	return knownvalue.ListExact(checks)
}

func stringOrNull(s *string) knownvalue.Check {
	if s == nil {
		return knownvalue.Null()
	}
	return knownvalue.StringExact(*s)
}

func ptr[T any](v T) *T { return &v }

// pagesRequested lists the page parameter of every request for agent.
func pagesRequested(emu *emulator.Server, agent string) []string {
	var pages []string
	for _, q := range emu.Queries() {
		if q.Get("agentId") == agent {
			pages = append(pages, q.Get("page"))
		}
	}
	return pages
}

// requireReadsOfPages checks that every read of agent asked for pages 1 to
// pages in order, one after another (each step reads once per plan and
// apply), with the given size.
func requireReadsOfPages(t *testing.T, emu *emulator.Server, agent string, pages int, size string) {
	t.Helper()
	want := make([]string, pages)
	for i := range want {
		want[i] = strconv.Itoa(i + 1)
	}
	got := pagesRequested(emu, agent)
	if len(got) == 0 || len(got)%pages != 0 {
		t.Fatalf("pages requested = %v, want whole runs of %v", got, want)
	}
	for i := 0; i < len(got); i += pages {
		if run := got[i : i+pages]; !slices.Equal(run, want) {
			t.Fatalf("a read requested pages %v, want %v", run, want)
		}
	}
	if got := emu.Queries()[0].Get("size"); got != size {
		t.Errorf("size = %q, want the page_size %s", got, size)
	}
}

func containsAll(s string, subs ...string) bool {
	for _, sub := range subs {
		if !strings.Contains(s, sub) {
			return false
		}
	}
	return true
}
