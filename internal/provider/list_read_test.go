package provider

import (
	"context"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/chatzuri/terraform-provider-chatzuri/internal/emulator"
)

// Terraform cancels a read (Ctrl-C) by cancelling its context: the read must
// stop within 2 s, mid-pagination, and leave no goroutine behind.
//
// Serial: it counts the process's goroutines, which parallel tests would
// add to.
func TestListReads_stopPromptlyWhenCancelled(t *testing.T) {
	before := runtime.NumGoroutine()
	srv := httptest.NewServer(emulator.New(emulator.Options{APIKey: "k", Latency: 300 * time.Millisecond, MaxPageSize: 10,
		Leads: map[string][]emulator.Lead{"agt_big": emulator.SeedLeads("agt_big", 5000)}}))
	ps := configuredServerAt(t, srv.URL)

	ctx, cancel := context.WithCancel(testContext(t))
	time.AfterFunc(700*time.Millisecond, cancel) // a few pages in: 500 pages would take 15 s
	started := time.Now()
	resp, err := ps.ReadDataSource(ctx, readRequest(t, ps, "chatzuri_leads", map[string]tftypes.Value{"agent_id": tftypes.NewValue(tftypes.String, "agt_big")}))
	elapsed := time.Since(started)
	if err != nil {
		t.Fatal(err)
	}
	if len(resp.Diagnostics) != 1 || !strings.Contains(resp.Diagnostics[0].Summary, "cancelled") {
		t.Fatalf("diagnostics = %v, want one saying the read was cancelled", diagnosticsText(resp.Diagnostics))
	}
	if elapsed > 700*time.Millisecond+2*time.Second {
		t.Errorf("the read went on for %s after it was cancelled", (elapsed - 700*time.Millisecond).Round(10*time.Millisecond))
	}

	srv.Close() // ends the keep-alive connections and their goroutines
	deadline := time.Now().Add(2 * time.Second)
	for runtime.NumGoroutine() > before+2 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before+2 {
		buf := make([]byte, 1<<16)
		t.Fatalf("%d goroutines left after the read, %d before:\n%s", n, before, buf[:runtime.Stack(buf, true)])
	}
}

func TestListReads_idNamesTheSelectionWhateverTheOrderOfSources(t *testing.T) {
	t.Parallel()
	h := conversationsEmulator("agt", 3)
	var ids []string
	for _, order := range [][]string{{"WhatsApp", "API"}, {"API", "WhatsApp"}} {
		_, _, id := readConversations(t, h, map[string]tftypes.Value{
			"agent_id":          tftypes.NewValue(tftypes.String, "agt"),
			"filtered_sources":  stringList(order...),
			"start_date":        tftypes.NewValue(tftypes.String, "2026-01-01"),
			"max_conversations": tftypes.NewValue(tftypes.Number, 5),
			"page_size":         tftypes.NewValue(tftypes.Number, 7),
		})
		ids = append(ids, id)
	}
	if want := "agt?filtered_sources=API,WhatsApp&max_conversations=5&start_date=2026-01-01"; ids[0] != want || ids[1] != want {
		t.Errorf("ids = %q, want both %q (page_size left out, sources sorted)", ids, want)
	}
}

// A 400 to a page_size past the largest size Chatzuri documents names
// page_size as a likely cause, with its value and the documented size; a
// 400 to a documented size does not blame it.
func TestListReads_badRequestToALargePageSizeNamesPageSize(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusBadRequest)
		_, _ = w.Write([]byte(`{"message":"Invalid request"}`))
	}))
	t.Cleanup(srv.Close)
	ps := configuredServerAt(t, srv.URL)
	for size, blamed := range map[int]bool{500: true, 100: false} {
		resp, err := ps.ReadDataSource(testContext(t), readRequest(t, ps, "chatzuri_leads", map[string]tftypes.Value{
			"agent_id":  tftypes.NewValue(tftypes.String, "agt"),
			"page_size": tftypes.NewValue(tftypes.Number, size),
		}))
		if err != nil || len(resp.Diagnostics) != 1 {
			t.Fatalf("page_size %d: %v %v", size, err, diagnosticsText(resp.Diagnostics))
		}
		d := resp.Diagnostics[0]
		if d.Summary != "Chatzuri refused the request" || !strings.Contains(d.Detail, "start_date") {
			t.Errorf("page_size %d: %q / %q", size, d.Summary, d.Detail)
		}
		names := strings.Contains(d.Detail, "page_size is 500, more than 100") && strings.Contains(d.Detail, "lower page_size to 100 or less")
		if names != blamed || strings.Contains(d.Detail, "page_size") != blamed {
			t.Errorf("page_size %d: the 400 blames page_size: %v, want %v:\n%s", size, names, blamed, d.Detail)
		}
	}
}
