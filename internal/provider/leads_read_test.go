package provider

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/chatzuri/terraform-provider-chatzuri/internal/emulator"
)

// readLeads runs the data source's Read against an emulator of agents.
func readLeads(t *testing.T, agents map[string][]emulator.Lead, args map[string]tftypes.Value) *datasource.ReadResponse {
	t.Helper()
	return readOutsideTerraform(t, NewLeadsDataSource().(datasource.DataSourceWithConfigure),
		emulator.New(emulator.Options{APIKey: "k", Leads: agents}), args)
}

func leadCount(t *testing.T, resp *datasource.ReadResponse) int {
	t.Helper()
	return len(stateList(t, resp.State.Raw, "leads"))
}

func TestLeadsRead_maxLeadsWarnsWhenTheListIsCut(t *testing.T) {
	resp := readLeads(t, map[string][]emulator.Lead{"agt": emulator.SeedLeads("agt", 12)}, map[string]tftypes.Value{
		"agent_id":  tftypes.NewValue(tftypes.String, "agt"),
		"max_leads": tftypes.NewValue(tftypes.Number, 5),
		"page_size": tftypes.NewValue(tftypes.Number, 5),
	})
	if resp.Diagnostics.HasError() {
		t.Fatal(resp.Diagnostics)
	}
	if got := leadCount(t, resp); got != 5 {
		t.Fatalf("got %d leads, want 5", got)
	}
	warnings := resp.Diagnostics.Warnings()
	if len(warnings) != 1 {
		t.Fatalf("got %d warnings, want 1: %v", len(warnings), resp.Diagnostics)
	}
	w := warnings[0]
	if pathOf(w) != "max_leads" || !strings.Contains(w.Summary(), "cut to max_leads") || !containsAll(w.Detail(), `"agt"`, "more than 5") {
		t.Errorf("warning on %q: %q / %q", pathOf(w), w.Summary(), w.Detail())
	}
}

func TestLeadsRead_noWarningWhenTheAgentHasExactlyMaxLeads(t *testing.T) {
	resp := readLeads(t, map[string][]emulator.Lead{"agt": emulator.SeedLeads("agt", 10)}, map[string]tftypes.Value{
		"agent_id":  tftypes.NewValue(tftypes.String, "agt"),
		"max_leads": tftypes.NewValue(tftypes.Number, 10),
		"page_size": tftypes.NewValue(tftypes.Number, 5),
	})
	if len(resp.Diagnostics) != 0 {
		t.Fatalf("want no diagnostics, got %v", resp.Diagnostics)
	}
	if got := leadCount(t, resp); got != 10 {
		t.Fatalf("got %d leads, want 10", got)
	}
}
