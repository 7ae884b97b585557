package provider

import (
	"fmt"
	"math/big"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

func show(s *string) string {
	if s == nil {
		return "null"
	}
	return fmt.Sprintf("%q", *s)
}

// pagesHandler serves the pages given, by the page parameter, then empty
// pages, in the shape of key ("data").
func pagesHandler(key string, pages ...string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var page int
		_, _ = fmt.Sscan(r.URL.Query().Get("page"), &page)
		items := ""
		if page >= 1 && page <= len(pages) {
			items = pages[page-1]
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = fmt.Fprintf(w, `{%q:[%s]}`, key, items)
	})
}

func TestLeadCountsRead_countsEachLeadOnceByUTCDay(t *testing.T) {
	h := pagesHandler("data",
		`{"id":1,"created_at":"2026-01-05T09:30:00Z","email":"a@example.com"},`+
			`{"id":2,"created_at":"2026-01-05T23:30:00-05:00"},`+
			`{"id":3,"created_at":null},`+
			`{"id":4}`,
		// Lead 2 again, as a shifting page brings it: counted once.
		`{"id":2,"created_at":"2026-01-05T23:30:00-05:00"},`+
			`{"id":"5","created_at":"2026-01-06"},`+
			`{"id":6,"created_at":"last tuesday"},`+
			`{"id":7,"created_at":"2026-01-05 08:00:00"}`,
	)
	resp, state := readCounts(t, "chatzuri_lead_counts", h, map[string]tftypes.Value{
		"agent_id":  tftypes.NewValue(tftypes.String, "agt"),
		"page_size": tftypes.NewValue(tftypes.Number, 4),
	})
	if hasError(resp.Diagnostics) {
		t.Fatal(diagnosticsText(resp.Diagnostics))
	}
	attrs := stateAttrs(t, state)
	requireNumber(t, attrs["total"], 7)
	requireNumber(t, attrs["undated"], 3)
	requireCountMap(t, attrs["by_day"], map[string]int64{"2026-01-05": 2, "2026-01-06": 2})
	if id := stateString(t, state, "id"); id == nil || *id != "agt" {
		t.Errorf("id = %v, want the leads' id for the same arguments, agt", id)
	}
}

func TestConversationCountsRead_countsBySourceAndUnknownSource(t *testing.T) {
	h := pagesHandler("data",
		`{"id":"c1","created_at":"2026-01-05T09:30:00Z","source":"WhatsApp","messages":[{"role":"user","content":"hi"}]},`+
			`{"id":"c2","created_at":"2026-01-05T10:30:00Z","source":"WhatsApp"},`+
			`{"id":"c3","created_at":"2026-01-07T10:30:00+02:00","source":null},`+
			`{"id":"c4","source":"API"},`+
			`{"id":"c5","created_at":"2026-01-07T00:30:00+02:00"}`,
	)
	resp, state := readCounts(t, "chatzuri_conversation_counts", h, map[string]tftypes.Value{
		"agent_id":         tftypes.NewValue(tftypes.String, "agt"),
		"filtered_sources": stringList("WhatsApp", "API", "Unspecified"),
	})
	if hasError(resp.Diagnostics) {
		t.Fatal(diagnosticsText(resp.Diagnostics))
	}
	attrs := stateAttrs(t, state)
	requireNumber(t, attrs["total"], 5)
	requireNumber(t, attrs["undated"], 1)
	requireCountMap(t, attrs["by_day"], map[string]int64{"2026-01-05": 2, "2026-01-07": 1, "2026-01-06": 1})
	requireCountMap(t, attrs["by_source"], map[string]int64{"WhatsApp": 2, "API": 1})
	requireNumber(t, attrs["unknown_source"], 2)
	if id := stateString(t, state, "id"); id == nil || !strings.HasPrefix(*id, "agt?filtered_sources=API,Unspecified,WhatsApp") {
		t.Errorf("id = %v, want the conversations' id for the same arguments", id)
	}
}

// A read that starts again from page 1 (the list moved under a concurrent
// read) counts from zero: nothing is counted twice.
func TestListCounts_restartCountsFromZero(t *testing.T) {
	var calls int
	page1 := `{"id":1,"created_at":"2026-01-05T09:30:00Z"},{"id":2,"created_at":"2026-01-05T10:30:00Z"}`
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		items := ""
		switch r.URL.Query().Get("page") {
		case "1":
			calls++
			items = page1
			if calls > 1 { // a new lead at the head, seen by the re-read of page 1
				items = `{"id":9,"created_at":"2026-01-08T09:30:00Z"},` + page1
			}
		case "2":
			items = `{"id":3,"created_at":"2026-01-06T09:30:00Z"}`
		}
		_, _ = fmt.Fprintf(w, `{"data":[%s]}`, items)
	})
	resp, state := readCounts(t, "chatzuri_lead_counts", h, map[string]tftypes.Value{
		"agent_id":  tftypes.NewValue(tftypes.String, "agt"),
		"page_size": tftypes.NewValue(tftypes.Number, 2),
	})
	if hasError(resp.Diagnostics) {
		t.Fatal(diagnosticsText(resp.Diagnostics))
	}
	if calls < 2 {
		t.Fatalf("test premise: page 1 read %d times, want a re-read", calls)
	}
	attrs := stateAttrs(t, state)
	requireNumber(t, attrs["total"], 4)
	requireCountMap(t, attrs["by_day"], map[string]int64{"2026-01-05": 2, "2026-01-06": 1, "2026-01-08": 1})
}

func requireNumber(t *testing.T, v tftypes.Value, want int64) {
	t.Helper()
	var n big.Float
	if err := v.As(&n); err != nil {
		t.Fatal(err)
	}
	if got, _ := n.Int64(); got != want {
		t.Errorf("got %s, want %d", n.String(), want)
	}
}

func requireCountMap(t *testing.T, v tftypes.Value, want map[string]int64) {
	t.Helper()
	var m map[string]tftypes.Value
	if err := v.As(&m); err != nil {
		t.Fatal(err)
	}
	got := map[string]int64{}
	for k, e := range m {
		var n big.Float
		if err := e.As(&n); err != nil {
			t.Fatal(err)
		}
		got[k], _ = n.Int64()
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

// readCounts reads the counts typeName from h, with args (the rest null), as
// Terraform would, and returns the answer and its state.
func readCounts(t *testing.T, typeName string, h http.Handler, args map[string]tftypes.Value) (*tfprotov6.ReadDataSourceResponse, tftypes.Value) {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	ps := configuredServerAt(t, srv.URL)
	resp, err := ps.ReadDataSource(testContext(t), readRequest(t, ps, typeName, args))
	if err != nil {
		t.Fatal(err)
	}
	state, err := resp.State.Unmarshal(stateType(t, ps, typeName))
	if err != nil && !hasError(resp.Diagnostics) {
		t.Fatal(err)
	}
	return resp, state
}
