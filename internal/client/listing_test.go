package client

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"slices"
	"strings"
	"testing"
)

func TestListingStopsAtTheFirstEmptyPage(t *testing.T) {
	srv := listServer(t, seq(5), 0)
	c := newTestClient(t, srv.URL)
	res, err := c.ListLeads(testContext(t), LeadsQuery{AgentID: "agt_1", PageSize: 2})
	if err != nil {
		t.Fatalf("ListLeads: %v", err)
	}
	if got, want := idsOf(res.Items), seq(5); !slices.Equal(got, want) {
		t.Errorf("ids = %q, want %q", got, want)
	}
	if res.Pages != 4 || srv.Requests() != 4 {
		t.Errorf("pages = %d, requests = %d; want 4 and 4 (three with leads, one empty)", res.Pages, srv.Requests())
	}
	if res.Truncated {
		t.Error("Truncated = true, want false")
	}
}

func TestListingOfAnAgentWithoutLeadsIsAnEmptyNonNilList(t *testing.T) {
	srv := listServer(t, nil, 0)
	c := newTestClient(t, srv.URL)
	res, err := c.ListLeads(testContext(t), LeadsQuery{AgentID: "agt_1"})
	if err != nil {
		t.Fatalf("ListLeads: %v", err)
	}
	if res.Items == nil || len(res.Items) != 0 {
		t.Errorf("items = %#v, want an empty, non-nil list", res.Items)
	}
}

func TestListingReadsPastShortPagesWhenTheServerCapsSize(t *testing.T) {
	srv := listServer(t, seq(10), 3)
	c := newTestClient(t, srv.URL)
	res, err := c.ListLeads(testContext(t), LeadsQuery{AgentID: "agt_1", PageSize: 100})
	if err != nil {
		t.Fatalf("ListLeads: %v", err)
	}
	if got, want := idsOf(res.Items), seq(10); !slices.Equal(got, want) {
		t.Errorf("ids = %q, want all ten %q", got, want)
	}
	if got, want := srv.Pages(), []string{"1", "2", "3", "4", "5"}; !slices.Equal(got, want) {
		t.Errorf("pages requested = %q, want %q", got, want)
	}
}

func TestListingStopsAfterPageTwoWhenTheServerIgnoresPage(t *testing.T) {
	srv := pageServer(t, func(int) []string { return []string{"1", "2", "3"} })
	c := newTestClient(t, srv.URL)
	res, err := c.ListLeads(testContext(t), LeadsQuery{AgentID: "agt_1", PageSize: 3})
	if err != nil {
		t.Fatalf("ListLeads: %v", err)
	}
	if got := idsOf(res.Items); !slices.Equal(got, []string{"1", "2", "3"}) {
		t.Errorf("ids = %q, want each lead once: [1 2 3]", got)
	}
	if srv.Requests() != 2 {
		t.Errorf("server got %d requests, want 2", srv.Requests())
	}
}

func TestListingStopsWhenTheServerRepeatsItsLastPagePastTheEnd(t *testing.T) {
	srv := pageServer(t, func(n int) []string {
		pages := [][]string{{"1", "2"}, {"3", "4"}, {"5"}}
		return pages[min(n, len(pages))-1]
	})
	c := newTestClient(t, srv.URL)
	res, err := c.ListLeads(testContext(t), LeadsQuery{AgentID: "agt_1", PageSize: 2})
	if err != nil {
		t.Fatalf("ListLeads: %v", err)
	}
	if got, want := idsOf(res.Items), seq(5); !slices.Equal(got, want) {
		t.Errorf("ids = %q, want %q", got, want)
	}
	if srv.Requests() != 4 {
		t.Errorf("server got %d requests, want 4 (three pages and one repeat)", srv.Requests())
	}
}

func TestListingDeduplicatesShiftingPagesKeepingFirstOccurrenceInAPIOrder(t *testing.T) {
	// A new lead arrived between page 1 and page 2, pushing 7 onto page 2.
	pages := map[string]string{
		"1": `{"data":[{"id":9,"name":"nine"},{"id":8,"name":"eight"},{"id":7,"name":"seven, first seen"}]}`,
		"2": `{"data":[{"id":7,"name":"seven, seen again"},{"id":6,"name":"six"},{"id":5,"name":"five"}]}`,
		"3": `{"data":[{"id":"4","name":"four"},{"id":9,"name":"nine again"}]}`,
		"4": `{"data":[]}`,
	}
	srv := newRecordingServer(t, func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, pages[r.URL.Query().Get("page")])
	})
	c := newTestClient(t, srv.URL)
	res, err := c.ListLeads(testContext(t), LeadsQuery{AgentID: "agt_1", PageSize: 3})
	if err != nil {
		t.Fatalf("ListLeads: %v", err)
	}
	if got, want := idsOf(res.Items), []string{"9", "8", "7", "6", "5", "4"}; !slices.Equal(got, want) {
		t.Fatalf("ids = %q, want %q", got, want)
	}
	if got := res.Items[2].Name; got == nil || *got != "seven, first seen" {
		t.Errorf("lead 7's name = %s, want the first occurrence's", str(got))
	}
	if got := res.Items[0].Name; got == nil || *got != "nine" {
		t.Errorf("lead 9's name = %s, want the first occurrence's", str(got))
	}
}

func TestListingDeduplicatesWithinOnePage(t *testing.T) {
	srv := pageServer(t, func(n int) []string {
		if n == 1 {
			return []string{"1", "2", "1", "3"}
		}
		return nil
	})
	c := newTestClient(t, srv.URL)
	res, err := c.ListLeads(testContext(t), LeadsQuery{AgentID: "agt_1"})
	if err != nil {
		t.Fatalf("ListLeads: %v", err)
	}
	if got := idsOf(res.Items); !slices.Equal(got, []string{"1", "2", "3"}) {
		t.Errorf("ids = %q, want [1 2 3]", got)
	}
}

func TestMaxLeadsCutsTheListAndSetsTruncatedWhenMoreExist(t *testing.T) {
	for _, tc := range []struct {
		name               string
		leads, size, limit int
		wantRequests       int
	}{
		{"cut inside the first page", 10, 4, 3, 1},
		{"cut inside a later page", 10, 4, 5, 2},
		{"one lead more than the limit", 6, 5, 5, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := listServer(t, seq(tc.leads), 0)
			c := newTestClient(t, srv.URL)
			res, err := c.ListLeads(testContext(t), LeadsQuery{AgentID: "agt_1", PageSize: tc.size, MaxLeads: tc.limit})
			if err != nil {
				t.Fatalf("ListLeads: %v", err)
			}
			if got, want := idsOf(res.Items), seq(tc.limit); !slices.Equal(got, want) {
				t.Errorf("ids = %q, want the first %d: %q", got, tc.limit, want)
			}
			if !res.Truncated {
				t.Error("Truncated = false, want true")
			}
			if srv.Requests() != tc.wantRequests {
				t.Errorf("server got %d requests, want %d", srv.Requests(), tc.wantRequests)
			}
		})
	}
}

func TestMaxLeadsEqualToTheAgentsLeadsIsNotTruncated(t *testing.T) {
	for _, size := range []int{2, 5, 100} {
		t.Run(fmt.Sprintf("page size %d", size), func(t *testing.T) {
			srv := listServer(t, seq(5), 0)
			c := newTestClient(t, srv.URL)
			res, err := c.ListLeads(testContext(t), LeadsQuery{AgentID: "agt_1", PageSize: size, MaxLeads: 5})
			if err != nil {
				t.Fatalf("ListLeads: %v", err)
			}
			if got, want := idsOf(res.Items), seq(5); !slices.Equal(got, want) {
				t.Errorf("ids = %q, want %q", got, want)
			}
			if res.Truncated {
				t.Error("Truncated = true, want false: the agent has exactly MaxLeads leads")
			}
		})
	}
}

func TestMaxLeadsAboveTheAgentsLeadsReturnsThemAll(t *testing.T) {
	srv := listServer(t, seq(5), 0)
	c := newTestClient(t, srv.URL)
	res, err := c.ListLeads(testContext(t), LeadsQuery{AgentID: "agt_1", PageSize: 2, MaxLeads: 1000})
	if err != nil {
		t.Fatalf("ListLeads: %v", err)
	}
	if len(res.Items) != 5 || res.Truncated {
		t.Errorf("got %d leads, Truncated = %v; want 5 and false", len(res.Items), res.Truncated)
	}
}

func TestMaxPagesBoundIsAnErrorNeverAShortList(t *testing.T) {
	// A server that invents fresh leads on every page never reaches an end.
	srv := newRecordingServer(t, func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, dataBody(fmt.Sprint(rand.Uint64()), fmt.Sprint(rand.Uint64())))
	})
	c := newTestClient(t, srv.URL, func(cfg *Config) { cfg.MaxPages = 7 })
	res, err := c.ListLeads(testContext(t), LeadsQuery{AgentID: "agt_1", PageSize: 2})
	if err == nil {
		t.Fatalf("ListLeads returned %d leads and no error, want an error", len(res.Items))
	}
	if res != nil {
		t.Errorf("result = %d leads, want nil alongside the error", len(res.Items))
	}
	if srv.Requests() != 7 {
		t.Errorf("server got %d requests, want exactly MaxPages = 7", srv.Requests())
	}
	if !strings.Contains(err.Error(), "7 pages") {
		t.Errorf("error %q does not name the bound", err)
	}
}

func TestMaxPagesDefaultsWhenUnset(t *testing.T) {
	c := newTestClient(t, "http://127.0.0.1:1")
	if c.cfg.MaxPages != DefaultMaxPages {
		t.Errorf("MaxPages = %d, want %d", c.cfg.MaxPages, DefaultMaxPages)
	}
}
