package client

import (
	"net/http"
	"slices"
	"strconv"
	"testing"
)

func TestRequestIsGETToGetLeadsUnderTheBasePath(t *testing.T) {
	for _, suffix := range []string{"/api/v1", "/api/v1/"} {
		t.Run("base"+suffix, func(t *testing.T) {
			srv := listServer(t, nil, 0)
			c := newTestClient(t, srv.URL+suffix)
			if _, err := c.ListLeads(testContext(t), LeadsQuery{AgentID: "agt_1"}); err != nil {
				t.Fatalf("ListLeads: %v", err)
			}
			reqs := srv.Recorded()
			if len(reqs) != 1 {
				t.Fatalf("server got %d requests, want 1", len(reqs))
			}
			if reqs[0].Method != http.MethodGet {
				t.Errorf("method = %s, want GET", reqs[0].Method)
			}
			if reqs[0].URL.Path != "/api/v1/get-leads" {
				t.Errorf("path = %q, want /api/v1/get-leads", reqs[0].URL.Path)
			}
		})
	}
}

func TestRequestNamesTheAgentAsAgentIDAndChatbotID(t *testing.T) {
	const agent = "agt a&b=c/ü"
	srv := listServer(t, nil, 0)
	c := newTestClient(t, srv.URL)
	if _, err := c.ListLeads(testContext(t), LeadsQuery{AgentID: agent}); err != nil {
		t.Fatalf("ListLeads: %v", err)
	}
	q := mustQuery(t, srv.Recorded()[0])
	if got := q["agentId"]; !slices.Equal(got, []string{agent}) {
		t.Errorf("agentId = %q, want [%q]", got, agent)
	}
	if got := q["chatbotId"]; !slices.Equal(got, []string{agent}) {
		t.Errorf("chatbotId = %q, want [%q]", got, agent)
	}
}

func TestRequestSendsDatesOnlyWhenSet(t *testing.T) {
	for _, tc := range []struct {
		name       string
		start, end string
	}{
		{"neither", "", ""},
		{"start only", "2026-01-05", ""},
		{"end only", "", "2026-01-31"},
		{"both", "2026-01-05", "2026-01-31"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := listServer(t, nil, 0)
			c := newTestClient(t, srv.URL)
			if _, err := c.ListLeads(testContext(t), LeadsQuery{AgentID: "agt_1", StartDate: tc.start, EndDate: tc.end}); err != nil {
				t.Fatalf("ListLeads: %v", err)
			}
			q := mustQuery(t, srv.Recorded()[0])
			for _, p := range []struct{ key, want string }{{"startDate", tc.start}, {"endDate", tc.end}} {
				switch {
				case p.want == "" && q.Has(p.key):
					t.Errorf("%s = %q sent, want it left out", p.key, q[p.key])
				case p.want != "" && !slices.Equal(q[p.key], []string{p.want}):
					t.Errorf("%s = %q, want [%q]", p.key, q[p.key], p.want)
				}
			}
		})
	}
}

func TestRequestPagesCountFromOneUpwards(t *testing.T) {
	srv := listServer(t, seq(5), 0)
	c := newTestClient(t, srv.URL)
	if _, err := c.ListLeads(testContext(t), LeadsQuery{AgentID: "agt_1", PageSize: 2}); err != nil {
		t.Fatalf("ListLeads: %v", err)
	}
	if got, want := srv.Pages(), []string{"1", "2", "3", "4"}; !slices.Equal(got, want) {
		t.Errorf("pages requested = %q, want %q", got, want)
	}
}

func TestRequestSizeIsThePageSize(t *testing.T) {
	for _, tc := range []struct {
		name     string
		pageSize int
		want     int
	}{
		{"default", 0, DefaultPageSize},
		{"negative means default", -3, DefaultPageSize},
		{"explicit", 25, 25},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := listServer(t, seq(30), 0)
			c := newTestClient(t, srv.URL)
			if _, err := c.ListLeads(testContext(t), LeadsQuery{AgentID: "agt_1", PageSize: tc.pageSize}); err != nil {
				t.Fatalf("ListLeads: %v", err)
			}
			for i, r := range srv.Recorded() {
				if got := r.URL.Query().Get("size"); got != strconv.Itoa(tc.want) {
					t.Errorf("request %d: size = %q, want %d", i+1, got, tc.want)
				}
			}
		})
	}
	if DefaultPageSize != 100 {
		t.Errorf("DefaultPageSize = %d, want 100", DefaultPageSize)
	}
}

func TestRequestHeadersCarryKeyAcceptAndUserAgent(t *testing.T) {
	srv := listServer(t, seq(3), 0)
	c := newTestClient(t, srv.URL, func(cfg *Config) { cfg.UserAgent = "terraform-provider-chatzuri/1.2.3 (+test)" })
	if _, err := c.ListLeads(testContext(t), LeadsQuery{AgentID: "agt_1", PageSize: 2}); err != nil {
		t.Fatalf("ListLeads: %v", err)
	}
	reqs := srv.Recorded()
	if len(reqs) != 3 {
		t.Fatalf("server got %d requests, want 3", len(reqs))
	}
	for i, r := range reqs {
		for header, want := range map[string]string{
			"Authorization": "Bearer " + testAPIKey,
			"Accept":        "application/json",
			"Content-Type":  "application/json",
			"User-Agent":    "terraform-provider-chatzuri/1.2.3 (+test)",
		} {
			if got := r.Header.Values(header); !slices.Equal(got, []string{want}) {
				t.Errorf("request %d: %s = %q, want [%q]", i+1, header, got, want)
			}
		}
	}
}

func TestRequestUserAgentDefaultsToTheProviderName(t *testing.T) {
	srv := listServer(t, nil, 0)
	c := newTestClient(t, srv.URL, func(cfg *Config) { cfg.UserAgent = "" })
	if _, err := c.ListLeads(testContext(t), LeadsQuery{AgentID: "agt_1"}); err != nil {
		t.Fatalf("ListLeads: %v", err)
	}
	if got := srv.Recorded()[0].Header.Get("User-Agent"); got != "terraform-provider-chatzuri" {
		t.Errorf("User-Agent = %q, want terraform-provider-chatzuri", got)
	}
}

func TestRetriedRequestCarriesTheSameHeadersAndQuery(t *testing.T) {
	srv := sequenceServer(t,
		reply(http.StatusServiceUnavailable, `{"message":"busy"}`),
		reply(http.StatusOK, dataBody()),
	)
	c := newTestClient(t, srv.URL)
	if _, err := c.ListLeads(testContext(t), LeadsQuery{AgentID: "agt_1", StartDate: "2026-01-01"}); err != nil {
		t.Fatalf("ListLeads: %v", err)
	}
	reqs := srv.Recorded()
	if len(reqs) != 2 {
		t.Fatalf("server got %d requests, want 2", len(reqs))
	}
	if reqs[0].URL.RawQuery != reqs[1].URL.RawQuery {
		t.Errorf("retry query %q differs from first %q", reqs[1].URL.RawQuery, reqs[0].URL.RawQuery)
	}
	for _, h := range []string{"Authorization", "Accept", "User-Agent"} {
		if got, want := reqs[1].Header.Get(h), reqs[0].Header.Get(h); got != want || got == "" {
			t.Errorf("retry %s = %q, first try sent %q", h, got, want)
		}
	}
}
